import { randomUUID } from 'node:crypto';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { declareRecord, strings } from './records.js';
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

type Db = Pick<Deps, 'db' | 'tableName'>;

export const planningMarkRecord = /* @__PURE__ */ declareRecord<PlanningMark, string>({
  type: 'mrpMark',
  key: (tenant, item) => keys.mrpMark(tenant, item),
  keys: (tenant, m) => keys.mrpMark(tenant, m.item),
  parse: (raw) => strings(raw, ['item', 'token']),
});

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
  const byTenant = new Map<string, Set<string>>();
  for (const r of requests) {
    if (r.items.length === 0) continue;
    const set = byTenant.get(r.tenant) ?? new Set<string>();
    for (const item of r.items) set.add(item);
    byTenant.set(r.tenant, set);
  }
  if (byTenant.size === 0) return [];
  const token = randomUUID();
  const put = (tenant: string, item: string): TxItem => ({
    Put: { TableName, Item: planningMarkRecord.item(tenant, { item, token }) },
  });
  const all = [...byTenant].flatMap(([tenant, items]) =>
    [...items].map((item) => put(tenant, item)),
  );
  if (all.length <= room) return all;
  if (byTenant.size <= room) return [...byTenant.keys()].map((t) => put(t, ALL_ITEMS));
  return undefined;
}

export function planningMarks(deps: Db, tenant: string) {
  return {
    /** Every mark of the tenant, read consistently (a run reads them before its data). */
    async list(): Promise<PlanningMark[]> {
      const out: PlanningMark[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const res = await deps.db.send(
          new QueryCommand({
            TableName: deps.tableName,
            KeyConditionExpression: 'pk = :p',
            ExpressionAttributeValues: { ':p': keys.mrpMarkPartition(tenant) },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        out.push(...(res.Items ?? []).map(planningMarkRecord.read));
        start = res.LastEvaluatedKey;
      } while (start);
      return out;
    },

    /** Marks written outside any business transaction (the fallback of transactWrite). */
    putItems(items: readonly string[]): TxItem[] {
      return markPuts(deps.tableName, [{ tenant, items }], Number.MAX_SAFE_INTEGER) ?? [];
    },

    /**
     * Removes the marks a run read, each only if it still has the token read: one written
     * again since stays. Answers how many were removed.
     */
    async clear(marks: readonly PlanningMark[]): Promise<number> {
      let removed = 0;
      const remove = async (m: PlanningMark) => {
        try {
          await deps.db.send(
            new DeleteCommand({
              TableName: deps.tableName,
              Key: planningMarkRecord.key(tenant, m.item),
              ConditionExpression: '#token = :token',
              ExpressionAttributeNames: { '#token': 'token' },
              ExpressionAttributeValues: { ':token': m.token },
            }),
          );
          removed++;
        } catch (err) {
          if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
        }
      };
      for (let i = 0; i < marks.length; i += 16) {
        await Promise.all(marks.slice(i, i + 16).map(remove));
      }
      return removed;
    },
  };
}
