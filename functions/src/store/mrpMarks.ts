import { randomUUID } from 'node:crypto';
import { keys } from './keys.js';
import type { TxItem } from './transact.js';

/**
 * Planning marks (docs/planning.md, "Net change"): the items whose demand or supply changed
 * since the current plan, one row per item in the tenant's mark partition. Each write gives
 * the row a new `token`, so a run clears only the marks it read: a mark written again after
 * the run loaded has another token and stays for the next run.
 */
export type PlanningMark = { item: string; token: string };

/** A change too wide to list item by item (an import, the calendar): plan every item. */
export const ALL_ITEMS = '*';

/** What a repository asks of the transaction that carries its write (`TxItem.marks`). */
export type MarkRequest = { tenant: string; items: readonly string[] };

/** The `marks` of a repository's transaction item: these items of the tenant change. */
export function marking(
  tenant: string,
  items: Iterable<string | undefined>,
): { marks: MarkRequest } {
  return { marks: { tenant, items: [...new Set([...items].filter((i): i is string => !!i))] } };
}

/**
 * The puts of the marks a transaction's items ask for, at most `room` of them: one per
 * tenant and item, or, when they do not fit, one `*` per tenant (the next run plans all).
 * Undefined when not even that fits.
 */
export function markPuts(
  TableName: string,
  requests: readonly MarkRequest[],
  room: number,
): TxItem[] | undefined {
  const token = randomUUID();
  // The item `planningMarkRecord` (mrpMarksRepo.ts) reads; built here without the
  // declaration, which every bundle would carry (this module is under every transaction).
  const put = (tenant: string, item: string): TxItem => ({
    Put: { TableName, Item: { ...keys.mrpMark(tenant, item), type: 'mrpMark', item, token } },
  });
  const pairs = new Map(
    requests.flatMap((r) => r.items.map((i) => [`${r.tenant} ${i}`, [r.tenant, i]] as const)),
  );
  if (pairs.size <= room) return [...pairs.values()].map(([t, i]) => put(t, i));
  const tenants = new Set(requests.map((r) => r.tenant));
  return tenants.size <= room ? [...tenants].map((t) => put(t, ALL_ITEMS)) : undefined;
}
