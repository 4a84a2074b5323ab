import {
  type FieldIssue,
  type Qty,
  qty,
  toQtyString,
  MAX_RETURN_LINES,
  zPurchaseOrderCreate,
  zPurchaseOrderSubmit,
  zPurchaseReceiptRequest,
  zPurchaseReturnCreate,
} from '@factory/shared';
import { createPurchaseOrder, submitPurchaseOrder } from '../../usecases/purchasing/orders.js';
import { returnToSupplier } from '../../usecases/purchasing/returns.js';
import { receivePurchase } from '../../usecases/shopfloor/receipts.js';
import {
  type EventOf,
  type LineMap,
  byLine,
  inOrders,
  inRuns,
  least,
  parse,
  refusal,
  unindexed,
} from './helpers.js';
import type { LoadContext } from './load.js';

/** Lines per purchase order (purchaseOrder.ts); a file's event has up to 1000. */
const PURCHASE_ORDER_LINES = 200;

/** A purchase receipt line the loader posted: what a purchase return can give back. */
export type Received = {
  supplier: string;
  order: string;
  line: number;
  receipt: string;
  item: string;
  warehouse: string;
  price: string;
  left: Qty;
};

/** A purchase order at the lines' prices (approved if the rules ask), then its receipt. */
export async function purchaseReceipt(
  ctx: LoadContext,
  e: EventOf<'purchaseReceipt'>,
  map: LineMap,
): Promise<void> {
  const { deps, admin } = ctx;
  map.shortage = byLine(e.lines, 'warehouse');
  map.fields = { unitPrice: 'price', supplier: 'supplier' };
  await inOrders(ctx, e.lines, PURCHASE_ORDER_LINES, map, {
    create: (part) =>
      createPurchaseOrder(
        deps,
        admin,
        parse(zPurchaseOrderCreate, {
          supplier: e.supplier,
          orderDate: e.date,
          ...(e.no ? { remark: e.no } : {}),
          lines: part.map((l) => ({
            item: l.item,
            qty: l.qty,
            unitPrice: l.price,
            dueDate: e.date,
          })),
        }),
      ),
    submit: (draft) =>
      submitPurchaseOrder(
        deps,
        admin,
        draft.no,
        parse(zPurchaseOrderSubmit, { expectedVersion: draft.version }),
      ),
    post: async (draft, part) => {
      const receipt = await receivePurchase(
        deps,
        admin,
        parse(zPurchaseReceiptRequest, {
          purchaseOrder: draft.no,
          date: e.date,
          lines: part.map((l, k) => ({ line: k + 1, qty: l.qty, warehouse: l.warehouse })),
        }),
      );
      part.forEach((l, k) =>
        ctx.received.push({
          supplier: e.supplier,
          order: draft.no,
          line: k + 1,
          receipt: receipt.document.no,
          item: l.item,
          warehouse: l.warehouse,
          price: l.price,
          left: qty(l.qty),
        }),
      );
    },
  });
}

/**
 * Back to the supplier out of the receipts of its item, warehouse and price (earliest
 * first), one return per purchase order.
 */
export async function purchaseReturn(
  ctx: LoadContext,
  e: EventOf<'purchaseReturn'>,
  map: LineMap,
  index: number,
): Promise<void> {
  map.shortage = byLine(e.lines, 'warehouse');
  const byOrder = new Map<string, { j: number; line: number; receipt: string; qty: string }[]>();
  const taken: [Received, Qty][] = [];
  // What is left on each receipt line as this event's lines take from it (several lines of
  // one event may return from the same receipt line: one line of the return each).
  const left = new Map<Received, Qty>();
  const leftOf = (r: Received) => left.get(r) ?? r.left;
  const issues: FieldIssue[] = [];
  e.lines.forEach((l, j) => {
    let rest = qty(l.qty);
    for (const r of ctx.received) {
      if (rest.isZero()) break;
      if (
        r.supplier !== e.supplier ||
        r.item !== l.item ||
        r.warehouse !== l.warehouse ||
        !qty(r.price).equals(qty(l.price)) ||
        !leftOf(r).greaterThan(0)
      )
        continue;
      const take = least(rest, leftOf(r));
      taken.push([r, take]);
      left.set(r, leftOf(r).minus(take));
      rest = rest.minus(take);
      const list = byOrder.get(r.order) ?? [];
      const same = list.find((x) => x.receipt === r.receipt && x.line === r.line);
      if (same) same.qty = toQtyString(qty(same.qty).plus(take));
      else list.push({ j, line: r.line, receipt: r.receipt, qty: toQtyString(take) });
      byOrder.set(r.order, list);
    }
    if (rest.greaterThan(0)) {
      issues.push({
        path: ['events', index, 'lines', j, 'qty'],
        message: `退货数量超出从供应商 ${e.supplier} 按单价 ${l.price} 收到 ${l.item}（仓库 ${l.warehouse}）的可退数量 ${toQtyString(qty(l.qty).minus(rest))}`,
      });
    }
  });
  if (issues.length) throw refusal(issues);
  for (const [order, lines] of byOrder) {
    await inRuns(lines, MAX_RETURN_LINES, map, (part) =>
      returnToSupplier(
        ctx.deps,
        ctx.admin,
        order,
        parse(zPurchaseReturnCreate, {
          date: e.date,
          ...(e.no ? { reason: e.no } : {}),
          lines: unindexed(part),
        }),
      ),
    );
  }
  for (const [r, take] of taken) r.left = r.left.minus(take);
}
