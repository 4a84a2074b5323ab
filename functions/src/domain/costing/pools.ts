import type { CostOrder, CostPool } from './types.js';
import { textOrder } from './ledger.js';
import { fenOf, scaledQty, shares } from './shares.js';

/** A pool's shares for one pass: per task order (fen), or the whole amount unallocated. */
export type PoolAllocation = {
  code: string;
  amount: bigint;
  byOrder: Map<string, bigint>;
  unallocated: bigint;
};

/** Task orders in order of date, then number (codes as plain strings). */
export function inOrder<T extends Pick<CostOrder, 'date' | 'no'>>(orders: readonly T[]): T[] {
  return [...orders].sort((a, b) => textOrder(a.date, b.date) || textOrder(a.no, b.no));
}

/**
 * Rule 4: each pool (entered + carried in) shared over the task orders in order by its basis:
 * `quantity` = received in the period × the item's cost coefficient, `hours` = the period's
 * labour hours, `material` = the order's direct material of the first pass (fen). Outsourcing
 * orders take no pool; a workshop's pool only its orders. A zero basis leaves it unallocated.
 * `material` pools are left out (unallocated, not carried) when `materialBasis` is absent:
 * the first pass, whose direct material is their basis.
 */
export function allocatePools(
  pools: readonly CostPool[],
  orders: readonly CostOrder[],
  basis: {
    received: (order: string) => bigint;
    coefficient: (item: string) => bigint;
    materialBasis?: ReadonlyMap<string, bigint>;
  },
): PoolAllocation[] {
  const tasks = inOrder(orders.filter((o) => o.kind === 'task'));
  return pools.map((pool) => {
    const amount = fenOf(pool.amount) + fenOf(pool.carriedIn ?? '0');
    const over = tasks.filter((o) => pool.workshop === undefined || o.workshop === pool.workshop);
    if (pool.basis === 'material' && !basis.materialBasis) {
      return { code: pool.code, amount, byOrder: new Map(), unallocated: amount };
    }
    const weights = over.map((o) => {
      if (pool.basis === 'hours') return scaledQty(o.hours ?? '0');
      if (pool.basis === 'material') return basis.materialBasis!.get(o.no) ?? 0n;
      // Received × coefficient: both scaled by 10⁹; the product keeps the proportions.
      return basis.received(o.no) * basis.coefficient(o.item);
    });
    const split = amount >= 0n ? shares(amount, weights) : undefined;
    if (!split) return { code: pool.code, amount, byOrder: new Map(), unallocated: amount };
    return {
      code: pool.code,
      amount,
      byOrder: new Map(over.map((o, i) => [o.no, split[i]!])),
      unallocated: 0n,
    };
  });
}
