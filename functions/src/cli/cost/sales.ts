import {
  MAX_DELIVERY_LINES,
  zDeliveryCreate,
  zIssueRequest,
  zReceiptRequest,
  zSalesOrderCreate,
  zSalesOrderSubmit,
} from '@factory/shared';
import { createDelivery } from '../../usecases/delivery/deliveries.js';
import { createSalesOrder, submitSalesOrder } from '../../usecases/sales/orders.js';
import { postIssue, postReceipt } from '../../usecases/stock.js';
import { type EventOf, type LineMap, byLine, inOrders, parse } from './helpers.js';
import type { LoadContext } from './load.js';

type CustomerEvent = EventOf<'customerReceipt' | 'customerReturn'>;

/**
 * A delivery ships lines of confirmed sales orders: a sales order for the event's lines (at
 * no price: costing does not read sales prices), submitted (approved if the rules ask), then
 * the delivery of all of it; as many of them as the delivery's line limit asks.
 */
export async function delivery(
  ctx: LoadContext,
  e: EventOf<'delivery'>,
  map: LineMap,
): Promise<void> {
  const { deps, admin } = ctx;
  map.shortage = byLine(e.lines, 'warehouse');
  await inOrders(ctx, e.lines, MAX_DELIVERY_LINES, map, {
    create: (part) =>
      createSalesOrder(
        deps,
        admin,
        parse(zSalesOrderCreate, {
          customer: e.customer,
          orderDate: e.date,
          ...(e.no ? { remark: e.no } : {}),
          lines: part.map((l) => ({
            item: l.item,
            qty: l.qty,
            unitPrice: '0',
            dueDate: e.date,
          })),
        }),
      ),
    submit: (order) =>
      submitSalesOrder(
        deps,
        admin,
        order.no,
        parse(zSalesOrderSubmit, { expectedVersion: order.version }),
      ),
    post: (order, part) =>
      createDelivery(
        deps,
        admin,
        parse(zDeliveryCreate, {
          customer: e.customer,
          date: e.date,
          ...(e.no ? { note: e.no } : {}),
          lines: part.map((l, k) => ({
            salesOrder: order.no,
            line: k + 1,
            qty: l.qty,
            warehouse: l.warehouse,
          })),
        }),
      ),
  });
}

/** The customer's material into our keeping (customer-supplied stock). */
export async function customerReceipt(
  ctx: LoadContext,
  e: EventOf<'customerReceipt'>,
  map: LineMap,
): Promise<void> {
  map.fields = { partner: 'customer' };
  await postReceipt(
    ctx.deps,
    ctx.admin,
    parse(zReceiptRequest, {
      date: e.date,
      reason: 'customerSupplied',
      partner: e.customer,
      lines: customerLines(e),
    }),
  );
}

/** The customer's material given back to them. */
export async function customerReturn(
  ctx: LoadContext,
  e: EventOf<'customerReturn'>,
  map: LineMap,
): Promise<void> {
  map.shortage = byLine(e.lines, 'warehouse');
  map.fields = { partner: 'customer' };
  await postIssue(
    ctx.deps,
    ctx.admin,
    parse(zIssueRequest, {
      date: e.date,
      reason: 'returnToCustomer',
      partner: e.customer,
      lines: customerLines(e),
    }),
  );
}

/** The event's lines, each the line's customer's (else the event's). */
function customerLines(e: CustomerEvent) {
  return e.lines.map((l) => ({
    item: l.item,
    warehouse: l.warehouse,
    qty: l.qty,
    customer: l.customer ?? e.customer,
  }));
}
