import type { Delivery, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { outboxRepo, type OutboxRecord } from '../../store/outboxRepo.js';
import type { TxItem } from '../../store/transact.js';
import { fitText } from '../../wecom/textFit.js';

// A shipment notice as written with the delivery: plain data, so posting a delivery loads no
// WeCom code (notifier.ts delivers it from the outbox worker).

/** A delivery shipped lines of a rep's orders: what the rep is told. */
export type ShipmentNotice = {
  tenant: string;
  touser: string[];
  delivery: string;
  date: string;
  customer: string;
  lines: {
    salesOrder: string;
    salesOrderLine: number;
    item: string;
    qty: string;
    unit?: string;
    /** The line's delivered after this delivery, of its ordered qty. */
    delivered: string;
    ordered: string;
  }[];
  /** The rep's orders this delivery closed (delivered in full). */
  closed: string[];
  by: string;
};

/**
 * The outbox records of a delivery, one per rep who owns (entered) a shipped order, to commit
 * with the delivery. Imported orders have no owner and tell nobody.
 */
export function shipmentNoticeItems(
  deps: Deps,
  s: Session,
  delivery: Delivery,
  owners: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, { delivered: string; ordered: string }>,
  at: string,
): TxItem[] {
  const byRep = new Map<string, Delivery['lines']>();
  for (const l of delivery.lines) {
    const rep = owners.get(l.salesOrder);
    if (!rep) continue;
    byRep.set(rep, [...(byRep.get(rep) ?? []), l]);
  }
  return [...byRep].map(([rep, lines]) => {
    const orders = [...new Set(lines.map((l) => l.salesOrder))];
    const notice: ShipmentNotice = {
      tenant: s.tenant,
      touser: [rep],
      delivery: delivery.no,
      date: delivery.date,
      customer: delivery.customerName ?? delivery.customer,
      lines: lines.map((l) => {
        const state = after.get(`${l.salesOrder}#${l.salesOrderLine}`)!;
        return {
          salesOrder: l.salesOrder,
          salesOrderLine: l.salesOrderLine,
          item: l.itemName ?? l.item,
          qty: l.qty,
          ...(l.unitName || l.unit ? { unit: l.unitName ?? l.unit } : {}),
          delivered: state.delivered,
          ordered: state.ordered,
        };
      }),
      closed: delivery.closedOrders.filter((o) => orders.includes(o)),
      by: s.name ?? s.user,
    };
    return outboxRepo(deps, s.tenant).enqueueItem(deps.newId(), at, {
      kind: 'shipmentNotice',
      payload: notice,
      summary: `发货通知：发货单 ${delivery.no}（${orders.join('、')}）`,
      recipients: [rep],
      ref: { delivery: delivery.no },
    });
  });
}

/** The notice as a WeCom text (≤ 2048 bytes: long deliveries are cut with a count). */
export function shipmentText(n: ShipmentNotice): string {
  const head = [`【发货】${n.customer} 的订单已发货`, `发货单 ${n.delivery}（${n.date}）`];
  const lines = n.lines.map(
    (l) =>
      `${l.salesOrder} 第${l.salesOrderLine}行 ${l.item}：本次 ${l.qty}${l.unit ?? ''}，累计 ${l.delivered}/${l.ordered}`,
  );
  const tail = [
    ...(n.closed.length ? [`已全部发货，订单关闭：${n.closed.join('、')}`] : []),
    `发货人：${n.by}`,
  ];
  return fitText(head, lines, tail);
}

/** A shipment notice's outcome is kept on its outbox record only (nothing else to update). */
export function shipmentOutcome(_deps: Deps, _r: OutboxRecord): TxItem[] {
  return [];
}
