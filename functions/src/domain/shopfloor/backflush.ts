import { AppError, type Qty, qty as toQty, roundUpToPrecision, toQtyString } from '@factory/shared';
import { lineFactor } from '../bom/walk.js';
import type { BackflushConsumed, ComponentFacts, ComponentLine } from './types.js';

/**
 * One line of a backflush: `qty` > 0 is consumed from the balance, `qty` < 0 (only when the
 * received total goes down, a reversal) is given back to it.
 */
export type BackflushIssue = { item: string; warehouse: string; qty: string; trackingNo?: string };

/** Where an order's received total stands around one receipt (or reversal). */
export type BackflushReceipt = {
  /** The order's received total before it, opening quantity included. */
  before: string;
  /** The order's received total after it. */
  after: string;
  /**
   * Received before the product's cumulative backflush took over (an imported order's
   * opening `received`): it counts as already consumed, so nothing is issued for it.
   */
  opening: string;
  /** What the receipts so far consumed, per item, warehouse and tracking number. */
  consumed: readonly BackflushConsumed[];
};

export type BackflushOutcome = {
  /** What this receipt posts, per item, warehouse and tracking number (in need order). */
  lines: BackflushIssue[];
  /** What the receipts have consumed after it: store it on the order. */
  consumed: BackflushConsumed[];
};

const keyOf = (x: { item: string; warehouse: string; trackingNo?: string }) =>
  `${x.item}\u0000${x.warehouse}\u0000${x.trackingNo ?? ''}`;

/**
 * Backflush (倒冲领料) of a production receipt, from the task order's needs, cumulative: for
 * every item, issue warehouse and tracking number of the backflush needs, with F the sum of
 * their `qtyPer × (1 + lossRate)` (`lineFactor`, domain/bom/walk.ts), the receipts are to have consumed
 *
 *   target(R) = ⌈R × F⌉ − ⌈opening × F⌉        (⌈⌉: up to the component's unit precision)
 *
 * when the order has received R in all (the opening quantity counts as already consumed), and
 * a receipt posts target(after) less what the receipts consumed so far. So three receipts of
 * 20 consume exactly what one of 60 would, and any rounding an earlier receipt took is made
 * good by the next. A receipt never gives stock back (a component whose target is below what
 * was consumed, say after its need changed, gets nothing); a reversal (after < before) gives
 * back down to the target and never more than was consumed.
 *
 * The needs were copied from the BOM at the order's start date with every phantom expanded
 * (`computeNeeds` in domain/issue): their `qtyPer` and `lossRate` are already multiplied
 * through the phantom levels, and a component under a backflush phantom line is already a
 * backflush need with the phantom line's warehouse, so there is no second expansion here.
 * A need without a warehouse takes the item's default. A need that is itself a phantom (its
 * BOM was missing when the needs were computed) cannot be backflushed.
 */
export function backflush(
  receipt: BackflushReceipt,
  needs: readonly ComponentLine[],
  item: (code: string) => ComponentFacts | undefined,
): BackflushOutcome {
  const sums = new Map<
    string,
    { item: string; warehouse: string; trackingNo?: string; factor: Qty }
  >();
  for (const need of needs) {
    if (need.issueMethod !== 'backflush') continue;
    const info = item(need.item);
    if (!info) {
      throw new AppError('resource.notFound', `物料不存在：${need.item}`, {
        entity: 'item',
        id: need.item,
      });
    }
    if (info.source === 'phantom') {
      throw new AppError('bom.notEffective', `虚拟件 ${need.item} 没有生效的物料清单，无法倒冲`, {
        item: need.item,
      });
    }
    const wh = need.warehouse || info.defaultWarehouse;
    if (!wh) {
      throw new AppError(
        'request.invalid',
        `倒冲物料 ${need.item} 没有发料仓库（物料清单行或物料默认仓库）`,
        { item: need.item },
        [{ path: ['body', 'taskOrder'], message: `倒冲物料 ${need.item} 没有发料仓库` }],
      );
    }
    const factor = lineFactor(need);
    const key = keyOf({ item: need.item, warehouse: wh, trackingNo: need.trackingNo });
    const sum = sums.get(key);
    if (sum) sum.factor = sum.factor.plus(factor);
    else {
      sums.set(key, {
        item: need.item,
        warehouse: wh,
        ...(need.trackingNo ? { trackingNo: need.trackingNo } : {}),
        factor,
      });
    }
  }

  const consumed = new Map(receipt.consumed.map((c) => [keyOf(c), { ...c }]));
  const reversal = toQty(receipt.after).lessThan(receipt.before);
  const lines: BackflushIssue[] = [];
  for (const [key, { factor, ...s }] of sums) {
    const precision = item(s.item)!.precision;
    const upTo = (received: string) =>
      toQty(roundUpToPrecision(toQtyString(toQty(received).times(factor)), precision));
    const target = upTo(receipt.after).minus(upTo(receipt.opening));
    const before = toQty(consumed.get(key)?.qty ?? '0');
    let delta = target.minus(before);
    // A receipt only consumes; a reversal only gives back, and never more than was consumed.
    if (reversal ? delta.greaterThan(0) : delta.lessThan(0)) delta = toQty(0);
    if (reversal && before.plus(delta).isNegative()) delta = before.negated();
    if (delta.isZero()) continue;
    lines.push({ ...s, qty: toQtyString(delta) });
    consumed.set(key, { ...s, qty: toQtyString(before.plus(delta)) });
  }
  return { lines, consumed: [...consumed.values()].filter((c) => !toQty(c.qty).isZero()) };
}

/**
 * What the receipts consumed after posting `lines` (a posting finished from its document,
 * when its order changed in between): added per item, warehouse and tracking number.
 */
export function addConsumed(
  consumed: readonly BackflushConsumed[],
  lines: readonly BackflushIssue[],
): BackflushConsumed[] {
  const out = new Map(consumed.map((c) => [keyOf(c), { ...c }]));
  for (const l of lines) {
    const c = out.get(keyOf(l));
    const qty = toQtyString(toQty(c?.qty ?? '0').plus(l.qty));
    out.set(keyOf(l), {
      item: l.item,
      warehouse: l.warehouse,
      ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
      qty,
    });
  }
  return [...out.values()].filter((c) => !toQty(c.qty).isZero());
}
