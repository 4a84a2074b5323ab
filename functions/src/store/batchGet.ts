import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import type { Key } from './keys.js';

/** How many 100-key batches are in flight at once for one read. */
const PARALLEL = 8;

/**
 * Reads many items by key: batches of 100 (DynamoDB's limit), several in flight at once,
 * unprocessed keys retried. Order of the result is not the order of the keys.
 */
export async function batchGetKeys(
  deps: Pick<Deps, 'db' | 'tableName'>,
  keyList: Key[],
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const TableName = deps.tableName;
  const batches: Key[][] = [];
  for (let i = 0; i < keyList.length; i += 100) batches.push(keyList.slice(i, i + 100));
  const out: Record<string, unknown>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let request:
        Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }> | undefined =
        {
          [TableName]: {
            Keys: batches[next++]!,
            ...(options.consistent ? { ConsistentRead: true } : {}),
          },
        };
      while (request && Object.keys(request).length) {
        const res = await deps.db.send(new BatchGetCommand({ RequestItems: request }));
        out.push(...(res.Responses?.[TableName] ?? []));
        request = res.UnprocessedKeys as typeof request;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, batches.length) }, worker));
  return out;
}
