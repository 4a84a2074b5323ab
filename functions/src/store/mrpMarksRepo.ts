import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';
import type { OrderMark, PlanningMark } from './mrpMarks.js';
import { declareRecord, strings } from './records.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

/** A planning mark as stored (written by `markPuts` in mrpMarks.ts, beside every change). */
export const planningMarkRecord = /* @__PURE__ */ declareRecord<PlanningMark, string>({
  type: 'mrpMark',
  key: (tenant, item) => keys.mrpMark(tenant, item),
  keys: (tenant, m) => keys.mrpMark(tenant, m.item),
  parse: (raw) => strings(raw, ['item', 'token']),
});

/** An order mark as stored (written by `markPuts` beside every write of an order). */
export const orderMarkRecord = /* @__PURE__ */ declareRecord<OrderMark, string>({
  type: 'mrpOrderMark',
  key: (tenant, order) => keys.mrpOrderMark(tenant, order),
  keys: (tenant, m) => keys.mrpOrderMark(tenant, m.order),
  parse: (raw) => strings(raw, ['order', 'token']),
});

/** Reading and clearing the tenant's planning marks and order marks (MRP runs). */
export function planningMarks(deps: Db, tenant: string) {
  /** A partition's rows, read consistently (a run reads its marks before its data). */
  const rows = async <T>(partition: string, read: (raw: Record<string, unknown>) => T) =>
    (await queryAll(deps, { attr: 'pk', value: partition }, { consistent: true })).map(read);
  return {
    /** Every mark of the tenant. */
    list: (): Promise<PlanningMark[]> =>
      rows(keys.mrpMarkPartition(tenant), planningMarkRecord.read),

    /** Every order mark of the tenant (read after the marks, before the data). */
    listOrders: (): Promise<OrderMark[]> =>
      rows(keys.mrpOrderMarkPartition(tenant), orderMarkRecord.read),

    /**
     * Removes the marks (and order marks) a run read, each only if it still has the token
     * read: one written again since stays. Answers how many marks (of items) were removed.
     */
    async clear(
      marks: readonly PlanningMark[],
      orders: readonly OrderMark[] = [],
    ): Promise<number> {
      /** Whether the row was removed (false: written again since, or gone). */
      const remove = async (key: { pk: string; sk: string }, token: string) => {
        try {
          await deps.db.send(
            new DeleteCommand({
              TableName: deps.tableName,
              Key: key,
              ConditionExpression: '#token = :token',
              ExpressionAttributeNames: { '#token': 'token' },
              ExpressionAttributeValues: { ':token': token },
            }),
          );
          return true;
        } catch (err) {
          if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
          return false;
        }
      };
      const all = [
        ...marks.map((m) => () => remove(planningMarkRecord.key(tenant, m.item), m.token)),
        ...orders.map((m) => () => remove(orderMarkRecord.key(tenant, m.order), m.token)),
      ];
      const done: boolean[] = [];
      for (let i = 0; i < all.length; i += 16) {
        done.push(...(await Promise.all(all.slice(i, i + 16).map((f) => f()))));
      }
      return done.slice(0, marks.length).filter(Boolean).length;
    },
  };
}
