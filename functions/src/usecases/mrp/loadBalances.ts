import { isDeepStrictEqual } from 'node:util';
import type { Balance, Warehouse } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { compareKeys } from '../../store/keyOrder.js';
import { keys } from '../../store/keys.js';
import { balanceRecord } from '../../store/stockRepo.js';

/**
 * The balances a load read: those of each warehouse it reads stock from (normal and
 * customer-supplied ones), in the order of the warehouse's index (by item), and the
 * warehouses they were read for.
 */
export type PlanningBalances = {
  warehouses: readonly Warehouse[];
  byWarehouse: ReadonlyMap<string, readonly Balance[]>;
};

/**
 * The balances of `stocked`, read whole (a partition per warehouse), or, given the balances of
 * an earlier load and the items marked since (`changed`: every posting marks the items whose
 * stock it moves, in its transaction), those with only the changed items' balances read again
 * (a partition per item). The earlier ones are used only for the same warehouses.
 */
export async function loadBalances(
  deps: Deps,
  tenant: string,
  stocked: readonly Warehouse[],
  since?: { kept: PlanningBalances; changed: ReadonlySet<string> },
): Promise<PlanningBalances> {
  if (!since || !isDeepStrictEqual(since.kept.warehouses, stocked)) {
    const lists = await Promise.all(
      stocked.map((w) =>
        balanceRecord.queryPartition(deps, {
          attr: 'gsi1pk',
          value: keys.balanceByWarehousePartition(tenant, w.code),
        }),
      ),
    );
    return {
      warehouses: stocked,
      byWarehouse: new Map(stocked.map((w, k) => [w.code, lists[k]!])),
    };
  }
  const fresh = (
    await Promise.all(
      [...since.changed].map((item) =>
        balanceRecord.queryPartition(deps, {
          attr: 'pk',
          value: keys.balancePartition(tenant, item),
        }),
      ),
    )
  ).flat();
  const byWarehouse = new Map(since.kept.byWarehouse);
  for (const w of stocked) {
    const kept = byWarehouse.get(w.code) ?? [];
    const mine = fresh.filter((b) => b.warehouse === w.code);
    const rest = kept.filter((b) => !since.changed.has(b.item));
    if (rest.length === kept.length && mine.length === 0) continue;
    // In the warehouse index's order, as a whole read gives them.
    const sortKey = (b: Balance) => keys.balance(tenant, b).gsi1sk;
    byWarehouse.set(
      w.code,
      [...rest, ...mine]
        .map((b) => [sortKey(b), b] as const)
        .sort(([a], [b]) => compareKeys(a, b))
        .map(([, b]) => b),
    );
  }
  return { warehouses: stocked, byWarehouse };
}
