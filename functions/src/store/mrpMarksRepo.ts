import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';
import type { PlanningMark } from './mrpMarks.js';
import { declareRecord, strings } from './records.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

/** A planning mark as stored (written by `markPuts` in mrpMarks.ts, beside every change). */
export const planningMarkRecord = /* @__PURE__ */ declareRecord<PlanningMark, string>({
  type: 'mrpMark',
  key: (tenant, item) => keys.mrpMark(tenant, item),
  keys: (tenant, m) => keys.mrpMark(tenant, m.item),
  parse: (raw) => strings(raw, ['item', 'token']),
});

/** Reading and clearing the tenant's planning marks (MRP runs). */
export function planningMarks(deps: Db, tenant: string) {
  return {
    /** Every mark of the tenant, read consistently (a run reads them before its data). */
    async list(): Promise<PlanningMark[]> {
      const raw = await queryAll(
        deps,
        { attr: 'pk', value: keys.mrpMarkPartition(tenant) },
        { consistent: true },
      );
      return raw.map(planningMarkRecord.read);
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
