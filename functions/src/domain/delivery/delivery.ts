import {
  AppError,
  type DeliveryLineInput,
  type FieldIssue,
  type SalesOrder,
  addQty,
  cmpQty,
  subQty,
} from '@factory/shared';
import { expectOrderStatus } from '../sales/index.js';

/** What a delivery needs to know of an item. */
export type DeliveryItemInfo = {
  code: string;
  name: string;
  unit: string;
  strategy: 'mto' | 'mts';
  defaultWarehouse?: string;
};

/** One line to post: which order line it ships, from where, and whose stock (MTO). */
export type PlannedDeliveryLine = {
  /** The delivery's line number (1-based, the request's order). */
  line: number;
  salesOrder: string;
  salesOrderLine: number;
  item: string;
  qty: string;
  warehouse: string;
  lot?: string;
  trackingNo?: string;
};

/** An order the delivery changes: each line's delivered after it, and whether it closes. */
export type OrderAfterDelivery = {
  order: SalesOrder;
  /** 0-based line index -> delivered after the delivery (changed lines only). */
  delivered: Map<number, string>;
  closes: boolean;
};

export type PlannedDelivery = {
  lines: PlannedDeliveryLine[];
  orders: OrderAfterDelivery[];
};

/**
 * Plans a delivery from request lines against one customer's sales orders (pure: the orders
 * and items are given). Field problems (an unknown order or line, another customer's order, a
 * line without a warehouse) are all reported at once as 400; then an order that is not
 * confirmed is 409 salesOrder.invalidState; then quantities beyond what is open (ordered less
 * delivered, summed over the request's lines of the same order line) are 409
 * delivery.overDelivery, naming each line.
 *
 * MTO lines (an `mto` item with a tracking number) ship only stock carrying their order's
 * tracking number; MTS lines ship from the pool (no tracking number).
 */
export function planDelivery(
  customer: string,
  lines: readonly DeliveryLineInput[],
  orders: ReadonlyMap<string, SalesOrder>,
  items: ReadonlyMap<string, DeliveryItemInfo>,
): { ok: true; value: PlannedDelivery } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const planned: PlannedDeliveryLine[] = [];
  lines.forEach((l, i) => {
    const at = (f: string) => ['lines', i, f];
    const order = orders.get(l.salesOrder);
    if (!order) {
      issues.push({ path: at('salesOrder'), message: `销售订单不存在：${l.salesOrder}` });
      return;
    }
    if (order.customer !== customer) {
      issues.push({
        path: at('salesOrder'),
        message: `销售订单 ${l.salesOrder} 属于客户 ${order.customerName ?? order.customer}，不是本发货单的客户`,
      });
      return;
    }
    const line = order.lines[l.line - 1];
    if (!line) {
      issues.push({ path: at('line'), message: `销售订单 ${l.salesOrder} 没有第 ${l.line} 行` });
      return;
    }
    const item = items.get(line.item);
    const warehouse = l.warehouse ?? item?.defaultWarehouse;
    if (!warehouse) {
      issues.push({
        path: at('warehouse'),
        message: `物料 ${item?.name ?? line.item} 没有默认仓库，请指定发货仓库`,
      });
      return;
    }
    const tracked = item?.strategy === 'mto' && line.trackingNo;
    planned.push({
      line: i + 1,
      salesOrder: order.no,
      salesOrderLine: l.line,
      item: line.item,
      qty: l.qty,
      warehouse,
      ...(l.lot ? { lot: l.lot } : {}),
      ...(tracked ? { trackingNo: line.trackingNo } : {}),
    });
  });
  if (issues.length) return { ok: false, issues };

  const byOrder = new Map<string, OrderAfterDelivery>();
  for (const p of planned) {
    const order = orders.get(p.salesOrder)!;
    expectOrderStatus(order.no, order.status, 'deliver');
    let after = byOrder.get(order.no);
    if (!after) {
      after = { order, delivered: new Map(), closes: false };
      byOrder.set(order.no, after);
    }
    const i = p.salesOrderLine - 1;
    const before = after.delivered.get(i) ?? order.lines[i]!.delivered;
    after.delivered.set(i, addQty(before, p.qty));
  }

  const over: {
    salesOrder: string;
    line: number;
    ordered: string;
    delivered: string;
    requested: string;
  }[] = [];
  for (const after of byOrder.values()) {
    for (const [i, delivered] of after.delivered) {
      const line = after.order.lines[i]!;
      if (cmpQty(delivered, line.qty) > 0) {
        over.push({
          salesOrder: after.order.no,
          line: i + 1,
          ordered: line.qty,
          delivered: line.delivered,
          requested: subQty(delivered, line.delivered),
        });
      }
    }
    after.closes = after.order.lines.every(
      (l, i) => cmpQty(after.delivered.get(i) ?? l.delivered, l.qty) >= 0,
    );
  }
  if (over.length) {
    const text = over
      .map(
        (o) =>
          `${o.salesOrder} 第 ${o.line} 行：订购 ${o.ordered}，已发 ${o.delivered}，本次 ${o.requested}`,
      )
      .join('；');
    throw new AppError('delivery.overDelivery', `发货数量超过订单未发数量：${text}`, {
      lines: over,
    });
  }
  return { ok: true, value: { lines: planned, orders: [...byOrder.values()] } };
}

/**
 * A customer return's effect on a sales line: its delivered falls by the returned quantity
 * (never below zero). A closed order stays closed: its returned quantity is not demand again
 * (a replacement is a new order); an open (confirmed) order's line is open again by it.
 */
export function deliveredAfterReturn(delivered: string, returned: string): string {
  const left = subQty(delivered, returned);
  return cmpQty(left, '0') < 0 ? '0' : left;
}
