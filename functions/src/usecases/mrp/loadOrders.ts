import type { Deps } from '../../deps.js';
import { batchGetKeys } from '../../store/batchGet.js';
import { compareKeys } from '../../store/keyOrder.js';
import { keys, type OrderKind } from '../../store/keys.js';
import { queryAll } from '../../store/query.js';

type Row = Record<string, unknown>;

/** The order rows a load read, by kind, as stored, each kind in its index's order. */
export type PlanningOrders = Readonly<Record<OrderKind, readonly Row[]>>;

const KINDS: readonly OrderKind[] = [
  'purchaseOrder',
  'taskOrder',
  'outsourcingOrder',
  'salesOrder',
];

/**
 * The tenant's purchase, task, outsourcing and sales orders, read whole (the orders index,
 * a partition per kind), or, given the orders of an earlier load and the orders written since
 * (`changed`: their partition keys, from the order marks every transaction that writes an
 * order carries), those with only the changed orders read again, by key and consistently (a
 * read of the index may not show a write of the moment yet). An order no longer there, or no
 * longer in its kind's index, leaves.
 */
export async function loadOrders(
  deps: Deps,
  tenant: string,
  since?: { kept: PlanningOrders; changed: readonly string[] },
): Promise<PlanningOrders> {
  if (!since) {
    const lists = await Promise.all(
      KINDS.map((kind) =>
        queryAll(deps, { attr: 'gsi1pk', value: keys.ordersByKind(tenant, kind) }),
      ),
    );
    return Object.fromEntries(
      KINDS.map((kind, k) => [kind, lists[k]!]),
    ) as unknown as PlanningOrders;
  }
  if (since.changed.length === 0) return since.kept;
  const fresh = await batchGetKeys(deps, since.changed.map(keys.orderOfPk), { consistent: true });
  const changed = new Set(since.changed);
  const out = {} as Record<OrderKind, readonly Row[]>;
  for (const kind of KINDS) {
    const kept = since.kept[kind];
    const index = keys.ordersByKind(tenant, kind);
    const mine = fresh.filter((r) => r.gsi1pk === index);
    const rest = kept.filter((r) => !changed.has(String(r.pk)));
    if (rest.length === kept.length && mine.length === 0) {
      out[kind] = kept;
      continue;
    }
    // In the index's order (by its sort key, one per order), as a whole read gives them: the
    // kept rows are in it already.
    const rows = [...rest];
    for (const row of mine) rows.splice(firstAfter(rows, String(row.gsi1sk)), 0, row);
    out[kind] = rows;
  }
  return out;
}

/** Where a row with index sort key `sk` goes in `rows` (sorted by it). */
function firstAfter(rows: readonly Row[], sk: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareKeys(String(rows[mid]!.gsi1sk), sk) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
