import { randomUUID } from 'node:crypto';
import { type Key, keys } from './keys.js';
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

/**
 * What a repository asks of the transaction that carries its write (`TxItem.marks`), and the
 * order that write is to (`order`: its partition key, noted by the transaction, not asked).
 */
export type MarkRequest = { tenant: string; items: readonly string[]; order?: string };

/** An order written with planning marks since the current plan (`keys.mrpOrderMark`). */
export type OrderMark = { order: string; token: string };

/** The `marks` of a repository's transaction item: these items of the tenant change. */
export function marking(
  tenant: string,
  items: Iterable<string | undefined>,
): { marks: MarkRequest } {
  return { marks: { tenant, items: [...new Set([...items].filter((i): i is string => !!i))] } };
}

/**
 * The puts of the marks a transaction's items ask for, at most `room` of them: one per
 * tenant and item, and one per order written (an order mark), or, when they do not fit, one
 * `*` per tenant (the next run plans all, and reads every order). Undefined when not even
 * that fits.
 */
export function markPuts(
  TableName: string,
  requests: readonly MarkRequest[],
  room: number,
): TxItem[] | undefined {
  const token = randomUUID();
  // The items `planningMarkRecord` and `orderMarkRecord` (mrpMarksRepo.ts) read; built here
  // without the declarations, which every bundle would carry (this module is under every
  // transaction).
  const put = (key: Key, record: Record<string, string>): TxItem => ({
    Put: { TableName, Item: { ...key, ...record, token } },
  });
  const pairs = new Map(
    requests.flatMap((r) => r.items.map((i) => [`${r.tenant} ${i}`, [r.tenant, i]] as const)),
  );
  const orders = new Map(
    requests.flatMap((r) =>
      r.order ? [[`${r.tenant} ${r.order}`, [r.tenant, r.order]] as const] : [],
    ),
  );
  const itemMark = (t: string, item: string) =>
    put(keys.mrpMark(t, item), { type: 'mrpMark', item });
  if (pairs.size + orders.size <= room)
    return [
      ...[...pairs.values()].map(([t, i]) => itemMark(t, i)),
      ...[...orders.values()].map(([t, order]) =>
        put(keys.mrpOrderMark(t, order), { type: 'mrpOrderMark', order }),
      ),
    ];
  const tenants = new Set(requests.map((r) => r.tenant));
  return tenants.size <= room ? [...tenants].map((t) => itemMark(t, ALL_ITEMS)) : undefined;
}
