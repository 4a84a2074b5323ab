import {
  AppError,
  type FieldIssue,
  type ReleaseRequest,
  type ReleaseResult,
  type Session,
  invalidRequest,
  sumQty,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { dayNumber, weekday } from '../../domain/mrp/index.js';
import {
  DEFAULT_VAT_RATE,
  lineAmounts,
  lookupPrice,
  orderTotals,
  type LineAmounts,
  type PriceEntry,
} from '../../domain/purchasing/index.js';
import { priceListRepo } from '../../store/priceListRepo.js';
import { keys, type OrderKind } from '../../store/keys.js';
import { type Reversible } from '../../store/reversible.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { mrpRepo } from '../../store/mrpRepo.js';
import { releaseRepo } from '../../store/releaseRepo.js';
import { needsAt } from '../taskOrders/needs.js';
import { completing, type CommitHooks } from '../hooks.js';
import { shanghaiDate } from '../time.js';
import { plannedOrdersById } from './plannedOrders.js';
import type { StoredPlannedOrder } from './run.js';

type Group = { kind: OrderKind; prefix: string; key: string; orders: StoredPlannedOrder[] };

/**
 * Release (合并投放): selected planned orders of the current run become documents, grouped
 * by rule: purchase orders per supplier (optionally per week of the due date), task orders
 * per item and tracking number, outsourcing orders per subcontractor, item and tracking
 * number; a customer-supplied item's request to its customer (`customerSupply`) is never
 * released (400 naming it). Each document is written with a "released" marker for every
 * planned order in it, in one transaction whose markers must not exist yet, so a planned
 * order is released at most once, also under concurrent requests. All groups go through one
 * reversible apply: if one fails, the documents already written are taken back; the last
 * transaction records the result (`hooks.onComplete`), and a release that needs several is
 * linked to the request's key in its first, so a retry after a crash rolls it back and
 * releases again.
 */
export async function release(
  deps: Deps,
  s: Session,
  req: ReleaseRequest,
  hooks: CommitHooks<ReleaseResult> = {},
): Promise<ReleaseResult> {
  // An earlier attempt of this request stopped part way: take back what it wrote, then
  // release again from the start.
  if (hooks.resume) await deps.unitOfWork.rollBack(s.tenant, hooks.resume);
  const runId = await mrpRepo(deps, s.tenant).getCurrent();
  const byId = runId
    ? await plannedOrdersById(deps, s.tenant, runId, req.ids)
    : new Map<string, StoredPlannedOrder>();
  const issues: FieldIssue[] = [];
  const picked: StoredPlannedOrder[] = [];
  new Set(req.ids).forEach((id) => {
    const i = req.ids.indexOf(id);
    const o = byId.get(id);
    if (!o) issues.push({ path: ['body', 'ids', i], message: `当前 MRP 结果中没有计划订单 ${id}` });
    else if (o.type === 'customerSupply') {
      // A request to the customer for their material (客供需求), never a purchase: sales asks
      // the customer, and the material arrives as a customer-supplied receipt.
      issues.push({
        path: ['body', 'ids', i],
        message: `计划订单 ${id} 是客供需求（物料 ${o.item} 由客户${o.supplier ? ` ${o.supplier} ` : ''}提供），请联系客户供料，不能下达`,
      });
    } else if (o.type !== 'production' && !o.supplier) {
      issues.push({
        path: ['body', 'ids', i],
        message: `物料 ${o.item} 没有默认${o.type === 'purchase' ? '供应商' : '外协厂'}，无法下达`,
      });
    } else picked.push(o);
  });
  if (issues.length) throw invalidRequest(issues);
  const already = await mrpRepo(deps, s.tenant).releasedOf(picked.map((o) => o.id));
  if (already.size) {
    throw new AppError('mrp.alreadyReleased', `计划订单已下达：${[...already.keys()].join('、')}`, {
      released: [...already.values()].map((r) => ({ id: r.plannedOrderId, document: r.document })),
    });
  }

  const groups = new Map<string, Group>();
  const week = (date: string) => {
    const d = dayNumber(date);
    return String(d - (weekday(d) - 1)); // the Monday of its week
  };
  for (const o of picked) {
    const g: Omit<Group, 'orders'> =
      o.type === 'purchase'
        ? {
            kind: 'purchaseOrder',
            prefix: 'PO',
            key: `P|${o.supplier}|${req.groupPurchasesByWeek ? week(o.dueDate) : ''}`,
          }
        : o.type === 'production'
          ? { kind: 'taskOrder', prefix: 'MO', key: `M|${o.item}|${o.trackingNo ?? ''}` }
          : {
              kind: 'outsourcingOrder',
              prefix: 'WX',
              key: `W|${o.supplier}|${o.item}|${o.trackingNo ?? ''}`,
            };
    groups.set(g.key, { ...g, orders: [...(groups.get(g.key)?.orders ?? []), o] });
  }

  const now = deps.clock.now();
  const at = now.toISOString();
  const day = shanghaiDate(now);
  const result: ReleaseResult = {
    purchaseOrders: [],
    taskOrders: [],
    outsourcingOrders: [],
    released: [],
  };
  const writes: Reversible[][] = [];
  const releases = releaseRepo(deps, s.tenant);
  // Released purchase order lines are priced from the supplier's price list on the release day.
  const purchases = picked.filter((o) => o.type === 'purchase' && o.supplier);
  const prices = purchases.length
    ? await priceListRepo(deps, s.tenant).entriesFor(
        purchases.map((o) => ({ supplier: o.supplier!, item: o.item })),
      )
    : [];
  for (const g of [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    for (let i = 0; i < g.orders.length; i += 90) {
      const part = g.orders.slice(i, i + 90);
      const no = await nextDocumentNumber(deps, s.tenant, g.prefix, day);
      const body = document(g, part, prices, day);
      const docKey =
        g.kind === 'taskOrder'
          ? keys.taskOrder(s.tenant, {
              no,
              status: 'open',
              ...(typeof body.priority === 'number' ? { priority: body.priority } : {}),
              ...(typeof body.dueDate === 'string' ? { dueDate: body.dueDate } : {}),
            })
          : keys.order(s.tenant, g.kind, no);
      if (g.kind === 'taskOrder') Object.assign(body, await taskOrderNeeds(deps, s.tenant, body));
      const source = {
        mrpRun: runId!,
        plannedOrders: part.map((o) => o.id),
        releasedBy: s.user,
        releasedAt: at,
      };
      writes.push([
        releases.document(docKey, {
          type: g.kind,
          kind: g.kind,
          no,
          status: 'open',
          ...body,
          source,
          createdAt: at,
          createdBy: s.user,
        }),
        ...part.map((o) => releases.released(o.id, no, g.kind, at)),
      ]);
      (g.kind === 'purchaseOrder'
        ? result.purchaseOrders
        : g.kind === 'taskOrder'
          ? result.taskOrders
          : result.outsourcingOrders
      ).push(no);
      result.released.push(...part.map((o) => ({ id: o.id, document: no })));
    }
  }
  const owner = `release#${deps.newId()}`;
  await deps.unitOfWork.apply(s.tenant, owner, writes, {
    last: completing(hooks, result, []),
    everyChunk: [],
    first: () => hooks.onStart?.(owner) ?? [],
  });
  return result;
}

/**
 * The document body of a group, in the same shape as imported open orders; a purchase order
 * in the shape of entered ones (purchaseOrderRepo): open at once (the planner released it, no
 * approval), each line priced from the price list on the release day where it has a price
 * (VAT the entry's or 13%), unpriced otherwise (the totals are those of the priced lines).
 */
function document(
  g: Group,
  orders: StoredPlannedOrder[],
  prices: readonly PriceEntry[],
  day: string,
): Record<string, unknown> {
  const first = orders[0]!;
  if (g.kind === 'purchaseOrder') {
    const priced: LineAmounts[] = [];
    const lines = orders.map((o, i) => {
      const listed = lookupPrice(prices, {
        supplier: first.supplier!,
        item: o.item,
        qty: o.qty,
        date: day,
      });
      const vatRate = listed?.vatRate ?? DEFAULT_VAT_RATE;
      const amounts = listed && lineAmounts(o.qty, listed.unitPrice, vatRate);
      if (amounts) priced.push(amounts);
      return {
        line: i + 1,
        item: o.item,
        qty: o.qty,
        received: '0',
        ...(listed && amounts
          ? { unitPrice: listed.unitPrice, priceSource: 'priceList', vatRate, ...amounts }
          : {}),
        dueDate: o.dueDate,
        ...(o.trackingNo ? { trackingNo: o.trackingNo } : {}),
      };
    });
    return {
      origin: 'mrp',
      supplier: first.supplier,
      orderDate: day,
      lines,
      ...orderTotals(priced),
      version: 1,
    };
  }
  // Task and outsourcing orders: one item; merged orders start and are due at the earliest.
  const starts = orders.map((o) => o.releaseDate).sort();
  const dues = orders.map((o) => o.dueDate).sort();
  return {
    item: first.item,
    qty: sumQty(orders.map((o) => o.qty)),
    received: '0',
    startDate: starts[0],
    dueDate: dues[0],
    ...(first.trackingNo ? { trackingNo: first.trackingNo } : {}),
    ...(g.kind === 'outsourcingOrder' ? { supplier: first.supplier } : {}),
    issued: [],
  };
}

/**
 * A released task order copies its component needs from the BOM at its start date (phantoms
 * expanded), so picking, MRP and kitting read the same needs as for entered orders.
 */
async function taskOrderNeeds(
  deps: Deps,
  tenant: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { needs, bomVersion } = await needsAt(
    deps,
    tenant,
    String(body.item),
    String(body.qty),
    String(body.startDate),
    body.trackingNo ? { trackingNo: String(body.trackingNo) } : {},
  );
  return { needs, priority: 5, origin: 'mrp', version: 1, ...(bomVersion ? { bomVersion } : {}) };
}
