import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import type { Key } from './keys.js';

/** DynamoDB's limit of requests in one BatchWriteItem. */
const BATCH = 25;
/** How many batches are in flight at once. */
const PARALLEL = 4;
/** Unprocessed items are sent again, with a growing pause, this many times. */
const RETRIES = 8;

type Request = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Key } };

/**
 * Writes items without conditions, 25 to a request, a few requests in flight, unprocessed
 * items sent again. For records that need no transaction: pages of a record whose head is
 * written after them, and bulk creates whose keys were checked first (imports).
 */
export async function batchPut(
  deps: Pick<Deps, 'db' | 'tableName'>,
  items: readonly Record<string, unknown>[],
): Promise<void> {
  await send(
    deps,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
}

/** Deletes items by key, as batchPut writes them. */
export async function batchDelete(
  deps: Pick<Deps, 'db' | 'tableName'>,
  keyList: readonly Key[],
): Promise<void> {
  await send(
    deps,
    keyList.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })),
  );
}

async function send(deps: Pick<Deps, 'db' | 'tableName'>, requests: Request[]): Promise<void> {
  const TableName = deps.tableName;
  const batches: Request[][] = [];
  for (let i = 0; i < requests.length; i += BATCH) batches.push(requests.slice(i, i + BATCH));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = batches[next++]!;
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > RETRIES)
          throw new Error(`batch write: ${pending.length} items still unprocessed`);
        if (attempt) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        const res = await deps.db.send(
          new BatchWriteCommand({ RequestItems: { [TableName]: pending } }),
        );
        pending = (res.UnprocessedItems?.[TableName] ?? []) as Request[];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, batches.length) }, worker));
}
