import { type FactoryFile, type FieldIssue, cmpQty, fitsPrecision } from '@factory/shared';
import { checkItem } from '../masterData/index.js';
import { findCycles } from './cycles.js';

type Path = (string | number)[];

/**
 * Line limits of what a file brings in as one record each (docs/architecture.md, "How large
 * records are split"): an order keeps its lines inside it, the calendar its holidays. Stock,
 * BOMs and the lists of items and orders have no limit.
 */
export const FILE_LIMITS = { orderLines: 1_000, issued: 1_000, holidays: 3_660 } as const;

/**
 * Everything wrong with a factory data file beyond its shape: duplicate codes, references
 * that do not resolve or point at the wrong kind of partner, quantities finer than the
 * item's unit, dates out of order, BOM cycles. Every problem is reported with its path.
 */
export function checkFactoryFile(file: FactoryFile): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fail = (path: Path, message: string) => issues.push({ path, message });

  const warehouses = indexUnique(
    file.warehouses,
    (w) => w.code,
    ['warehouses'],
    'code',
    '仓库编码重复',
    fail,
  );
  const partners = indexUnique(
    file.partners,
    (p) => p.code,
    ['partners'],
    'code',
    '往来单位编码重复',
    fail,
  );
  const items = indexUnique(file.items, (i) => i.code, ['items'], 'code', '物料编码重复', fail);

  const partnerWith = (code: string, roles: string[], path: Path, label: string) => {
    const p = partners.get(code);
    if (!p) fail(path, `往来单位不存在：${code}`);
    else if (!roles.some((r) => p.roles.includes(r as never)))
      fail(path, `往来单位 ${code} 不是${label}`);
  };
  const itemAt = (code: string, path: Path) => {
    const item = items.get(code);
    if (!item) fail(path, `物料不存在：${code}`);
    return item;
  };
  const warehouseAt = (code: string, path: Path) => {
    if (!warehouses.has(code)) fail(path, `仓库不存在：${code}`);
  };
  const precise = (itemCode: string, value: string | undefined, path: Path) => {
    const item = items.get(itemCode);
    if (item && value !== undefined && !fitsPrecision(value, item.precision)) {
      fail(path, `数量 ${value} 超出物料 ${itemCode} 的精度（${item.precision} 位小数）`);
    }
  };
  const ordered = (from: string, to: string, path: Path, message: string) => {
    if (from > to) fail(path, message);
  };

  file.warehouses.forEach((w, i) => {
    if (w.partner === undefined) return;
    const path = ['warehouses', i, 'partner'];
    if (w.kind === 'subcontractor') partnerWith(w.partner, ['subcontractor'], path, '外协厂');
    else if (w.kind === 'customerSupplied') partnerWith(w.partner, ['customer'], path, '客户');
    else fail(path, '只有外协仓和客供料仓有往来单位');
  });
  file.items.forEach((item, i) => {
    const wh = item.defaultWarehouse ? warehouses.get(item.defaultWarehouse) : undefined;
    const sup = item.defaultSupplier ? partners.get(item.defaultSupplier) : undefined;
    const customer = item.customer ? partners.get(item.customer) : undefined;
    issues.push(
      ...checkItem(
        item,
        {
          unitExists: true,
          ...(item.defaultWarehouse ? { warehouse: { exists: !!wh, active: true } } : {}),
          ...(item.defaultSupplier ? { supplier: { exists: !!sup, roles: sup?.roles ?? [] } } : {}),
          ...(item.customer
            ? { customer: { exists: !!customer, roles: customer?.roles ?? [] } }
            : {}),
        },
        ['items', i],
      ),
    );
  });

  const bomKeys = new Set<string>();
  const edges = new Map<string, string[]>();
  const edgePath = new Map<string, Path>();
  // A substitute stands in for a component, so it is an edge of the product structure too.
  const addEdge = (parent: string, child: string, at: Path) => {
    const list = edges.get(parent) ?? [];
    if (!list.includes(child)) list.push(child);
    edges.set(parent, list);
    if (!edgePath.has(`${parent}>${child}`)) edgePath.set(`${parent}>${child}`, at);
  };
  (file.boms ?? []).forEach((bom, b) => {
    const at = (...p: Path): Path => ['boms', b, ...p];
    const parent = itemAt(bom.parent, at('parent'));
    if (parent?.source === 'purchased') fail(at('parent'), `外购件 ${bom.parent} 不应有物料清单`);
    if (parent?.source === 'customerSupplied')
      fail(at('parent'), `客供料 ${bom.parent} 由客户提供，不应有物料清单`);
    const key = `${bom.parent}@${bom.version}`;
    if (bomKeys.has(key)) fail(at('version'), `物料清单 ${bom.parent} 的版本 ${bom.version} 重复`);
    bomKeys.add(key);
    if (bom.effectiveFrom && bom.effectiveTo)
      ordered(bom.effectiveFrom, bom.effectiveTo, at('effectiveTo'), '失效日期早于生效日期');
    const seen = new Set<string>();
    bom.lines.forEach((line, l) => {
      const lineAt = (...p: Path) => at('lines', l, ...p);
      const component = itemAt(line.component, lineAt('component'));
      if (line.component === bom.parent)
        fail(lineAt('component'), `物料 ${bom.parent} 不能是自己的子件`);
      if (seen.has(line.component))
        fail(lineAt('component'), `子件 ${line.component} 在同一清单中重复`);
      seen.add(line.component);
      if (line.warehouse) warehouseAt(line.warehouse, lineAt('warehouse'));
      if (component && line.component !== bom.parent) {
        addEdge(bom.parent, line.component, lineAt('component'));
      }
      (line.substitutes ?? []).forEach((s, k) => {
        const subAt = lineAt('substitutes', k, 'item');
        const sub = itemAt(s.item, subAt);
        if (s.item === line.component) fail(subAt, '替代料不能是子件本身');
        else if (s.item === bom.parent) fail(subAt, `物料 ${bom.parent} 不能是自己的替代料`);
        else if (sub) addEdge(bom.parent, s.item, subAt);
      });
    });
  });
  // Exactly one approved version may be the default on any day.
  const windows = new Map<string, { from: string; to: string; index: number }[]>();
  (file.boms ?? []).forEach((bom, b) => {
    const w = {
      from: bom.effectiveFrom ?? '0000-01-01',
      to: bom.effectiveTo ?? '9999-12-31',
      index: b,
    };
    for (const other of windows.get(bom.parent) ?? []) {
      const sameVersion = file.boms![other.index]!.version === bom.version; // reported as a duplicate
      if (!sameVersion && w.from <= other.to && other.from <= w.to) {
        fail(
          ['boms', b, 'effectiveFrom'],
          `物料清单 ${bom.parent} 的版本 ${bom.version} 与 ${file.boms![other.index]!.version} 生效期重叠`,
        );
      }
    }
    windows.set(bom.parent, [...(windows.get(bom.parent) ?? []), w]);
  });
  for (const cycle of findCycles(edges)) {
    const path = edgePath.get(`${cycle[cycle.length - 2]}>${cycle[cycle.length - 1]}`) ?? ['boms'];
    fail(path, `物料清单存在循环：${cycle.join(' > ')}`);
  }

  (file.stock ?? []).forEach((s, i) => {
    // A phantom may hold stock (returns, leftovers): planning nets it before exploding.
    itemAt(s.item, ['stock', i, 'item']);
    warehouseAt(s.warehouse, ['stock', i, 'warehouse']);
    precise(s.item, s.qty, ['stock', i, 'qty']);
    // Stock in a customer-supplied warehouse belongs to a customer and names its owner
    // (SCENARIO.md); an owner is named only there.
    const kind = warehouses.get(s.warehouse)?.kind;
    const owner: Path = ['stock', i, 'customer'];
    if (s.customer !== undefined) {
      if (kind !== undefined && kind !== 'customerSupplied')
        fail(owner, `只有客供料仓的库存有所属客户（仓库 ${s.warehouse} 不是客供料仓）`);
      else partnerWith(s.customer, ['customer'], owner, '客户');
    } else if (kind === 'customerSupplied') {
      fail(owner, `客供料仓 ${s.warehouse} 的库存必须指定所属客户`);
    }
  });

  // Numbers are unique within a kind of order (SCENARIO.md), as the store keys them.
  const orderNos = new Map<string, Set<string>>();
  const uniqueNo = (no: string, path: Path) => {
    const kind = String(path[0]);
    const seen = orderNos.get(kind) ?? new Set<string>();
    if (seen.has(no)) fail(path, `单号重复：${no}`);
    seen.add(no);
    orderNos.set(kind, seen);
  };
  const limit = (count: number, max: number, path: Path, what: string) => {
    if (count > max) fail(path, `${what}最多 ${max} 行（此处 ${count} 行），请拆分`);
  };
  const lineQuantities = (line: { item: string; qty: string; received?: string }, path: Path) => {
    itemAt(line.item, [...path, 'item']);
    precise(line.item, line.qty, [...path, 'qty']);
    precise(line.item, line.received, [...path, 'received']);
    if (line.received !== undefined && cmpQty(line.received, line.qty) > 0) {
      fail([...path, 'received'], `已收数量 ${line.received} 大于订单数量 ${line.qty}`);
    }
  };

  (file.purchaseOrders ?? []).forEach((po, i) => {
    uniqueNo(po.no, ['purchaseOrders', i, 'no']);
    partnerWith(po.supplier, ['supplier'], ['purchaseOrders', i, 'supplier'], '供应商');
    limit(po.lines.length, FILE_LIMITS.orderLines, ['purchaseOrders', i, 'lines'], '每张订单');
    po.lines.forEach((line, l) => {
      lineQuantities(line, ['purchaseOrders', i, 'lines', l]);
      if (items.get(line.item)?.source === 'customerSupplied')
        fail(['purchaseOrders', i, 'lines', l, 'item'], `客供料 ${line.item} 由客户提供，不采购`);
    });
  });

  const workOrder =
    (list: 'taskOrders' | 'outsourcingOrders', sources: string[]) =>
    (order: NonNullable<FactoryFile['taskOrders']>[number], i: number) => {
      const at = (...p: Path): Path => [list, i, ...p];
      uniqueNo(order.no, at('no'));
      lineQuantities(order, at());
      const item = items.get(order.item);
      if (item && !sources.includes(item.source))
        fail(at('item'), `物料 ${order.item} 的来源是 ${item.source}，不能下此类订单`);
      ordered(order.startDate, order.dueDate, at('dueDate'), '完工日期早于开工日期');
      limit(order.issued?.length ?? 0, FILE_LIMITS.issued, at('issued'), '已发料');
      (order.issued ?? []).forEach((iss, k) => {
        itemAt(iss.item, at('issued', k, 'item'));
        precise(iss.item, iss.qty, at('issued', k, 'qty'));
      });
    };
  (file.taskOrders ?? []).forEach(workOrder('taskOrders', ['manufactured']));
  (file.outsourcingOrders ?? []).forEach((order, i) => {
    workOrder('outsourcingOrders', ['outsourced', 'manufactured'])(order, i);
    partnerWith(order.supplier, ['subcontractor'], ['outsourcingOrders', i, 'supplier'], '外协厂');
  });

  (file.salesOrders ?? []).forEach((so, i) => {
    uniqueNo(so.no, ['salesOrders', i, 'no']);
    partnerWith(so.customer, ['customer'], ['salesOrders', i, 'customer'], '客户');
    limit(so.lines.length, FILE_LIMITS.orderLines, ['salesOrders', i, 'lines'], '每张订单');
    so.lines.forEach((line, l) => {
      const at: Path = ['salesOrders', i, 'lines', l];
      lineQuantities(line, at);
      precise(line.item, line.delivered, [...at, 'delivered']);
      if (line.delivered !== undefined && cmpQty(line.delivered, line.qty) > 0) {
        fail([...at, 'delivered'], `已发货数量 ${line.delivered} 大于订单数量 ${line.qty}`);
      }
    });
  });

  const forecastKeys = new Set<string>();
  (file.forecasts ?? []).forEach((f, i) => {
    itemAt(f.item, ['forecasts', i, 'item']);
    if (forecastKeys.has(`${f.item}@${f.from}`))
      fail(['forecasts', i, 'from'], `物料 ${f.item} 在 ${f.from} 的预测重复`);
    forecastKeys.add(`${f.item}@${f.from}`);
    precise(f.item, f.qty, ['forecasts', i, 'qty']);
    ordered(f.from, f.to, ['forecasts', i, 'to'], '预测结束日期早于开始日期');
  });

  const weekdays = file.calendar?.nonWorkingWeekdays ?? [];
  if (new Set(weekdays).size !== weekdays.length)
    fail(['calendar', 'nonWorkingWeekdays'], '休息日重复');
  if (weekdays.length === 7) fail(['calendar', 'nonWorkingWeekdays'], '一周至少要有一个工作日');
  const holidays = file.calendar?.holidays.length ?? 0;
  limit(holidays, FILE_LIMITS.holidays, ['calendar', 'holidays'], '节假日');

  return issues;
}

function indexUnique<T>(
  list: T[],
  code: (t: T) => string,
  at: Path,
  field: string,
  message: string,
  fail: (path: Path, message: string) => void,
): Map<string, T> {
  const out = new Map<string, T>();
  list.forEach((entry, i) => {
    const c = code(entry);
    if (out.has(c)) fail([...at, i, field], `${message}：${c}`);
    else out.set(c, entry);
  });
  return out;
}

/** "items[3].defaultWarehouse" for people reading a terminal. */
export function formatPath(path: Path): string {
  return path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p),
    '',
  );
}
