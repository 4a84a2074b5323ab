import {
  MAX_DELIVERY_LINES,
  type Qty,
  qty,
  toQtyString,
  zDeliveryCreate,
  zIssueRequest,
  zReceiptRequest,
  zSalesOrderCreate,
  zSalesOrderSubmit,
} from '@factory/shared';
import { createDelivery } from '../../usecases/delivery/deliveries.js';
import { createSalesOrder, submitSalesOrder } from '../../usecases/sales/orders.js';
import { postIssue, postReceipt, queryBalances } from '../../usecases/stock.js';
import { textOrder } from '../../domain/costing/ledger.js';
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
  const mto = new Set(ctx.file.items.filter((i) => i.strategy === 'mto').map((i) => i.code));
  if (e.lines.some((l) => mto.has(l.item))) {
    // A made-to-order product ships against the sales order its stock is tracked to; the file
    // has no sales orders, so it goes out as a sales issue (销售出库) of the stock as it is:
    // untracked first, then by tracking number and lot.
    map.fields = { partner: 'customer' };
    await postIssue(
      deps,
      admin,
      parse(zIssueRequest, {
        date: e.date,
        reason: 'sales',
        partner: e.customer,
        ...(e.no ? { note: e.no } : {}),
        lines: await fromBalances(ctx, e.lines),
      }),
    );
    return;
  }
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

/** Each line taken from the available balances of its item and warehouse (our own stock). */
async function fromBalances(
  ctx: LoadContext,
  lines: readonly { item: string; warehouse: string; qty: string }[],
) {
  const out: { item: string; warehouse: string; qty: string; lot?: string; trackingNo?: string }[] =
    [];
  const used = new Map<string, Qty>();
  for (const l of lines) {
    const page = await queryBalances(ctx.deps, ctx.admin, {
      item: l.item,
      warehouse: l.warehouse,
      status: 'available',
      includeZero: 'false',
      limit: 500,
    });
    const balances = page.items
      .filter((b) => !b.customer)
      .sort((a, b) => textOrder(a.trackingNo, b.trackingNo) || textOrder(a.lot, b.lot));
    let rest = qty(l.qty);
    for (const b of balances) {
      if (!rest.greaterThan(0)) break;
      const key = `${b.item}|${b.warehouse}|${b.lot}|${b.trackingNo}`;
      const free = qty(b.qty).minus(used.get(key) ?? qty(0));
      if (!free.greaterThan(0)) continue;
      const take = free.lessThan(rest) ? free : rest;
      used.set(key, (used.get(key) ?? qty(0)).plus(take));
      rest = rest.minus(take);
      out.push({
        item: l.item,
        warehouse: l.warehouse,
        qty: toQtyString(take),
        ...(b.lot ? { lot: b.lot } : {}),
        ...(b.trackingNo ? { trackingNo: b.trackingNo } : {}),
      });
    }
    // What no balance covers goes as asked: the product names the shortage.
    if (rest.greaterThan(0)) {
      out.push({ item: l.item, warehouse: l.warehouse, qty: toQtyString(rest) });
    }
  }
  return out;
}
