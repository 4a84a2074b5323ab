import {
  type FieldIssue,
  type PeriodEvent,
  type PeriodFile,
  fitsPrecision,
  qty,
} from '@factory/shared';
import { monthPeriod, nextMonth } from '../costing/periods.js';
import { checkFactoryFile } from '../factoryFile/index.js';
import { factoryFileOf } from './factoryFile.js';

type Path = (string | number)[];

/**
 * Everything wrong with a period file beyond its shape. Its master data, opening stock and
 * orders are checked as a factory file would be (the same messages, at the period file's
 * paths); then the periods, opening WIP, processing prices, pools and every event: dates inside
 * the periods, references of the right kind, quantities within the item's precision.
 */
export function checkPeriodFile(file: PeriodFile): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fail = (path: Path, message: string) => issues.push({ path, message });
  issues.push(...asFactoryFile(file));

  file.periods.forEach((p, i) => {
    if (i > 0 && p !== nextMonth(file.periods[i - 1]!)) {
      fail(
        ['periods', i],
        `期间应逐月连续：${file.periods[i - 1]} 之后应是 ${nextMonth(file.periods[i - 1]!)}`,
      );
    }
  });
  const first = monthPeriod(file.periods[0]!);
  const last = monthPeriod(file.periods[file.periods.length - 1]!);

  const warehouses = new Map(file.warehouses.map((w) => [w.code, w]));
  const partners = new Map(file.partners.map((p) => [p.code, p]));
  const items = new Map(file.items.map((i) => [i.code, i]));
  const tasks = new Set((file.taskOrders ?? []).map((o) => o.no));
  const outsourced = new Map((file.outsourcingOrders ?? []).map((o) => [o.no, o]));
  const pools = new Set<string>();
  (file.pools ?? []).forEach((p, i) => {
    if (pools.has(p.code)) fail(['pools', i, 'code'], `费用池编码重复：${p.code}`);
    pools.add(p.code);
  });

  const partnerWith = (code: string, role: string, path: Path, label: string) => {
    const p = partners.get(code);
    if (!p) fail(path, `往来单位不存在：${code}`);
    else if (!p.roles.includes(role as never)) fail(path, `往来单位 ${code} 不是${label}`);
  };
  const itemAt = (code: string, path: Path) => {
    if (!items.has(code)) fail(path, `物料不存在：${code}`);
  };
  const warehouseAt = (code: string, path: Path) => {
    const w = warehouses.get(code);
    if (!w) fail(path, `仓库不存在：${code}`);
    return w;
  };
  const precise = (item: string, value: string, path: Path) => {
    const it = items.get(item);
    if (it && !fitsPrecision(value.replace(/^-/, ''), it.precision)) {
      fail(path, `数量 ${value} 超出物料 ${item} 的精度（${it.precision} 位小数）`);
    }
  };
  /** A stock line: item, warehouse, quantity, and whose stock it is in a CS warehouse. */
  const line = (
    l: { item: string; warehouse: string; customer?: string },
    q: string,
    path: Path,
    field: 'qty' | 'diff' = 'qty',
  ) => {
    itemAt(l.item, [...path, 'item']);
    const w = warehouseAt(l.warehouse, [...path, 'warehouse']);
    precise(l.item, q, [...path, field]);
    if (!w) return;
    if (w.kind === 'customerSupplied') {
      const owner = l.customer ?? items.get(l.item)?.customer;
      if (!owner)
        fail([...path, 'customer'], `客供料仓 ${w.code} 中的 ${l.item} 需注明所属客户（customer）`);
      else if (l.customer) partnerWith(l.customer, 'customer', [...path, 'customer'], '客户');
    } else if (l.customer) {
      fail([...path, 'customer'], `仓库 ${w.code} 不是客供料仓，其中的库存不属于客户`);
    }
  };
  const ownLine = (l: { item: string; warehouse: string }, q: string, path: Path) => {
    line(l, q, path);
    if (warehouses.get(l.warehouse)?.kind === 'customerSupplied') {
      fail([...path, 'warehouse'], `客供料仓 ${l.warehouse} 的库存不属于本厂，不能用于此业务`);
    }
  };
  const taskOrder = (no: string, path: Path) => {
    if (!tasks.has(no)) fail(path, `生产任务单不存在：${no}`);
  };
  const outsourcingOrder = (no: string, path: Path) => {
    if (!outsourced.has(no)) fail(path, `委外订单不存在：${no}`);
  };
  const anyOrder = (no: string, path: Path) => {
    if (!tasks.has(no) && !outsourced.has(no)) fail(path, `订单不存在：${no}`);
  };

  (file.opening?.stock ?? []).forEach((s, i) => {
    if (s.customer && s.value !== undefined && qty(s.value).greaterThan(0)) {
      fail(['opening', 'stock', i, 'value'], '客供料不计价值，期初库存不能有金额');
    }
  });
  const wipSeen = new Set<string>();
  (file.opening?.wip ?? []).forEach((w, i) => {
    const at: Path = ['opening', 'wip', i];
    if (!tasks.has(w.order) && !outsourced.has(w.order))
      fail([...at, 'order'], `订单不存在：${w.order}`);
    if (wipSeen.has(w.order)) fail([...at, 'order'], `期初在制重复：${w.order}`);
    wipSeen.add(w.order);
    for (const code of Object.keys(w.pools ?? {})) {
      if (!pools.has(code)) fail([...at, 'pools', code], `费用池不存在：${code}`);
    }
  });

  const policies = new Set<string>();
  (file.outsourcingPrices ?? []).forEach((p, i) => {
    const at: Path = ['outsourcingPrices', i];
    partnerWith(p.supplier, 'subcontractor', [...at, 'supplier'], '外协厂');
    itemAt(p.item, [...at, 'item']);
    const key = `${p.supplier}\u0000${p.item}\u0000${p.from}`;
    if (policies.has(key)) {
      fail([...at, 'from'], `外协厂 ${p.supplier} 的 ${p.item} 自 ${p.from} 起已有价格政策`);
    }
    policies.add(key);
    const mins = new Set<string>();
    p.breaks.forEach((b, j) => {
      const min = qty(b.minQty).toFixed();
      if (mins.has(min)) fail([...at, 'breaks', j, 'minQty'], `数量分段重复：${b.minQty}`);
      mins.add(min);
    });
    if (!mins.has('0')) fail([...at, 'breaks'], '数量分段应从 0 起');
  });

  file.events.forEach((e, i) => {
    const at: Path = ['events', i];
    if (e.date < first.from || e.date > last.to) {
      fail([...at, 'date'], `日期 ${e.date} 不在期间 ${first.id} 至 ${last.id} 内`);
    }
    checkEvent(e, at);
  });

  function checkEvent(e: PeriodEvent, at: Path): void {
    const each = <L>(ls: L[], f: (l: L, path: Path) => void) =>
      ls.forEach((l, j) => f(l, [...at, 'lines', j]));
    switch (e.kind) {
      case 'purchaseReceipt':
      case 'purchaseReturn':
        partnerWith(e.supplier, 'supplier', [...at, 'supplier'], '供应商');
        return each(e.lines, (l, p) => ownLine(l, l.qty, p));
      case 'issue':
      case 'return':
        // To an outsourcing order: a send to (a return from) its subcontractor.
        anyOrder(e.order, [...at, 'order']);
        return each(e.lines, (l, p) => line(l, l.qty, p));
      case 'workReport':
        return taskOrder(e.order, [...at, 'order']);
      case 'wipCount':
        return anyOrder(e.order, [...at, 'order']);
      case 'productionReceipt':
        taskOrder(e.order, [...at, 'order']);
        warehouseAt(e.warehouse, [...at, 'warehouse']);
        return;
      case 'outsourcingReceipt':
        outsourcingOrder(e.order, [...at, 'order']);
        warehouseAt(e.warehouse, [...at, 'warehouse']);
        return;
      case 'settlement':
        return outsourcingOrder(e.order, [...at, 'order']);
      case 'closeOrder':
        return anyOrder(e.order, [...at, 'order']);
      case 'expense':
        if (!pools.has(e.pool)) fail([...at, 'pool'], `费用池不存在：${e.pool}`);
        return;
      case 'transfer':
        return each(e.lines, (l, p) => {
          line({ item: l.item, warehouse: l.from, customer: l.customer }, l.qty, p);
          const to = warehouseAt(l.to, [...p, 'to']);
          const from = warehouses.get(l.from);
          if (
            from &&
            to &&
            (from.kind === 'customerSupplied') !== (to.kind === 'customerSupplied')
          ) {
            fail([...p, 'to'], '客供料只能在客供料仓之间调拨');
          }
        });
      case 'customerReceipt':
      case 'customerReturn':
        partnerWith(e.customer, 'customer', [...at, 'customer'], '客户');
        return each(e.lines, (l, p) => {
          line({ ...l, customer: l.customer ?? e.customer }, l.qty, p);
          if (
            warehouses.get(l.warehouse) &&
            warehouses.get(l.warehouse)!.kind !== 'customerSupplied'
          ) {
            fail([...p, 'warehouse'], `客供料只能进出客供料仓，${l.warehouse} 不是客供料仓`);
          }
        });
      case 'delivery':
        partnerWith(e.customer, 'customer', [...at, 'customer'], '客户');
        return each(e.lines, (l, p) => ownLine(l, l.qty, p));
      case 'scrap':
        return each(e.lines, (l, p) => line(l, l.qty, p));
      case 'countAdjustment':
        return each(e.lines, (l, p) => {
          line(l, l.diff, p, 'diff');
          if (qty(l.diff).isZero()) fail([...p, 'diff'], '盘点差异不能为 0');
        });
    }
  }
  return issues;
}

/** The file's master data, opening stock and orders checked as a factory file. */
function asFactoryFile(file: PeriodFile): FieldIssue[] {
  const factory = factoryFileOf(file, monthPeriod(file.periods[0]!).from);
  return checkFactoryFile(factory).map((i) =>
    i.path[0] === 'stock' ? { ...i, path: ['opening', ...i.path] } : i,
  );
}
