import type { CostingInput, CostingResult, CostPool } from './types.js';

/**
 * What a costed period hands to the next (rules 4, 5 and 7): each item's closing quantity and
 * value as its opening, each order's closing WIP by element, and each pool's unallocated
 * amount carried into the same pool. Items with nothing left and orders without WIP drop out.
 */
export function carryForward(
  result: CostingResult,
): Pick<CostingInput, 'opening'> & { carried: ReadonlyMap<string, string> } {
  const stock = result.items
    .filter((i) => i.closingQty !== '0' || i.closingValue !== '0.00')
    .map((i) => ({ item: i.item, qty: i.closingQty, value: i.closingValue }));
  const wip = result.orders
    .filter((o) => o.closingWip !== '0.00')
    .map((o) => ({ order: o.no, ...o.closingWipElements }));
  const carried = new Map(
    result.pools.filter((p) => p.unallocated !== '0.00').map((p) => [p.code, p.unallocated]),
  );
  return { opening: { stock, wip }, carried };
}

/** The pools of the next period with what this one left unallocated carried in. */
export function withCarried(
  pools: readonly CostPool[],
  carried: ReadonlyMap<string, string>,
): CostPool[] {
  return pools.map((p) =>
    carried.has(p.code) ? { ...p, carriedIn: carried.get(p.code)! } : { ...p },
  );
}
