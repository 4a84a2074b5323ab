import { AppError, type Qty, qty as toQty, roundUpToPrecision, toQtyString } from '@factory/shared';
import type { ComponentFacts, ComponentLine } from './types.js';

export type BackflushIssue = { item: string; warehouse: string; qty: string; trackingNo?: string };

/**
 * Backflush (倒冲领料) of a production receipt, from the task order's needs: for every need
 * whose issue method is backflush, `received × qtyPer × (1 + lossRate)`, summed per item,
 * issue warehouse and tracking number, then rounded up to the component's unit precision.
 *
 * The needs were copied from the BOM at the order's start date with every phantom expanded
 * (`computeNeeds` in domain/issue): their `qtyPer` and `lossRate` are already multiplied
 * through the phantom levels, and a component under a backflush phantom line is already a
 * backflush need with the phantom line's warehouse, so there is no second expansion here.
 * A need without a warehouse takes the item's default. A need that is itself a phantom (its
 * BOM was missing when the needs were computed) cannot be backflushed.
 */
export function backflush(
  received: string,
  needs: readonly ComponentLine[],
  item: (code: string) => ComponentFacts | undefined,
): BackflushIssue[] {
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
    const factor = toQty(need.qtyPer).times(toQty(1).plus(need.lossRate));
    const key = `${need.item}|${wh}|${need.trackingNo ?? ''}`;
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
  const out: BackflushIssue[] = [];
  for (const { factor, ...s } of sums.values()) {
    const precision = item(s.item)!.precision;
    const q = roundUpToPrecision(toQtyString(toQty(received).times(factor)), precision);
    if (toQty(q).greaterThan(0)) {
      out.push({
        item: s.item,
        warehouse: s.warehouse,
        qty: q,
        ...(s.trackingNo ? { trackingNo: s.trackingNo } : {}),
      });
    }
  }
  return out;
}
