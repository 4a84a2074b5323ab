import {
  type Delivery,
  type Item,
  type ProgressPurchaseOrder,
  type ProgressTaskOrder,
  type SalesLineProgress,
  type SalesOrder,
  type SalesOrderProgress,
  type Session,
  cmpQty,
  subQty,
  sumQty,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { expectedCompletion, issuedPercent } from '../../domain/sales/index.js';
import { taskOrderState } from '../../domain/states.js';
import { deliveryRepo } from '../../store/deliveryRepo.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { salesProgressRepo } from '../../store/salesProgressRepo.js';
import type { TaskOrderRecord } from '../../store/taskOrderRepo.js';
import { shanghaiDate } from '../time.js';
import { getSalesOrder } from './orders.js';

/** Every delivery that shipped from the order, oldest first (the list is newest first). */
async function deliveriesOf(deps: Deps, tenant: string, order: string): Promise<Delivery[]> {
  const out: Delivery[] = [];
  let cursor: string | undefined;
  do {
    const page = await deliveryRepo(deps, tenant).list({
      salesOrder: order,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out.reverse();
}

type ItemFacts = { name: string; unit: string; strategy: 'mto' | 'mts' };

/** A task order as the rep sees it: quantities, state and dates, nothing about cost. */
function taskOrderView(
  t: TaskOrderRecord,
  items: ReadonlyMap<string, ItemFacts>,
  servesBy: ProgressTaskOrder['servesBy'],
): ProgressTaskOrder {
  const item = items.get(t.item);
  const pct = issuedPercent(t.needs);
  return {
    no: t.no,
    item: t.item,
    ...(item ? { itemName: item.name, unit: item.unit } : {}),
    qty: t.qty,
    status: taskOrderState(t.status),
    startDate: t.startDate,
    ...(t.dueDate ? { dueDate: t.dueDate } : {}),
    ...(pct !== undefined ? { issuedPercent: pct } : {}),
    reported: t.reportedGood,
    scrap: t.reportedScrap,
    received: t.received,
    servesBy,
  };
}

/**
 * The rep's view of where an order stands (订单进度), per line: the item's stock (MTO: the
 * stock carrying the line's tracking number; MTS: the free pool), the task orders and purchase
 * order lines that serve it with their progress (materials issued, good quantity reported,
 * received) and due dates, the expected completion, and the deliveries that shipped it. MTO lines are served
 * by everything carrying their tracking number (the item and its tracked components); MTS lines
 * by the task orders made from that line; pool supply planned by MRP is pegged to no order and
 * not shown. Visible to whoever may read the order (a rep: their own; others 404). It carries
 * quantities and dates only: no cost, price or amount of any task order or purchase order.
 */
export async function salesOrderProgress(
  deps: Deps,
  s: Session,
  no: string,
): Promise<SalesOrderProgress> {
  const order: SalesOrder = await getSalesOrder(deps, s, no);
  const repo = salesProgressRepo(deps, s.tenant);
  const trackingNos = [
    ...new Set(order.lines.flatMap((l) => (l.trackingNo ? [l.trackingNo] : []))),
  ];
  const [shipped, tasks, purchases, ...balances] = await Promise.all([
    deliveriesOf(deps, s.tenant, order.no),
    repo.taskOrdersFor(trackingNos),
    trackingNos.length ? repo.placedPurchaseOrders() : Promise.resolve([]),
    ...[...new Set(order.lines.map((l) => l.item))].map((item) => repo.balancesOf(item)),
  ]);
  const stock = balances.flat();

  const codes = new Set([...order.lines.map((l) => l.item), ...tasks.map((t) => t.item)]);
  const found = await getMasterRecords(deps, s.tenant, { item: codes });
  const items = new Map<string, ItemFacts>();
  for (const [code, raw] of found.item ?? []) {
    const i = raw as Item;
    items.set(code, { name: i.name, unit: i.unit, strategy: i.strategy });
  }

  const ended = order.status === 'closed' || order.status === 'cancelled';
  const lines = order.lines.map((l): SalesLineProgress => {
    const item = items.get(l.item);
    // A line with a tracking number is served as MTO whatever the item says today.
    const tracked = l.trackingNo !== undefined;
    const tracking = l.trackingNo ?? '';
    const held = (status: string) =>
      sumQty(
        stock
          .filter((b) => b.item === l.item && b.status === status && b.trackingNo === tracking)
          .map((b) => b.qty),
      );
    const taskOrders = tasks.flatMap((t): ProgressTaskOrder[] => {
      if (tracked && t.trackingNo === l.trackingNo) return [taskOrderView(t, items, 'tracking')];
      if (t.salesOrders?.some((r) => r.no === order.no && r.line === l.line))
        return [taskOrderView(t, items, 'salesOrder')];
      return [];
    });
    const purchaseOrders = tracked
      ? purchases.flatMap((p) =>
          p.lines
            .filter((pl) => pl.trackingNo === l.trackingNo)
            .map((pl): ProgressPurchaseOrder => ({
              no: p.no,
              line: pl.line,
              supplier: p.supplier,
              ...(p.supplierName ? { supplierName: p.supplierName } : {}),
              item: pl.item,
              ...(pl.itemName ? { itemName: pl.itemName } : {}),
              ...(pl.unit ? { unit: pl.unit } : {}),
              qty: pl.qty,
              received: pl.received,
              dueDate: pl.dueDate,
              closed: pl.closed === true || p.status === 'closed',
            })),
        )
      : [];
    const open = subQty(l.qty, l.delivered);
    const completion = expectedCompletion(taskOrders, purchaseOrders);
    return {
      line: l.line,
      item: l.item,
      ...((l.itemName ?? item?.name) ? { itemName: l.itemName ?? item!.name } : {}),
      ...((l.unit ?? item?.unit) ? { unit: l.unit ?? item!.unit } : {}),
      strategy: tracked ? 'mto' : 'mts',
      ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
      qty: l.qty,
      delivered: l.delivered,
      open: ended || cmpQty(open, '0') < 0 ? '0' : open,
      dueDate: l.dueDate,
      stock: {
        scope: tracked ? 'tracking' : 'pool',
        available: held('available'),
        inspection: held('inspection'),
      },
      taskOrders,
      purchaseOrders,
      ...(completion ? { expectedCompletion: completion } : {}),
      deliveries: shipped.flatMap((d) =>
        d.lines
          .filter((dl) => dl.salesOrder === order.no && dl.salesOrderLine === l.line)
          .map((dl) => ({ no: d.no, date: d.date, qty: dl.qty, returned: dl.returned })),
      ),
    };
  });
  return {
    no: order.no,
    customer: order.customer,
    ...(order.customerName ? { customerName: order.customerName } : {}),
    status: order.status,
    asOf: shanghaiDate(deps.clock.now()),
    lines,
  };
}
