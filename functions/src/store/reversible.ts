import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { retryOnConflict } from './conflicts.js';
import { keys } from './keys.js';
import { MAX_TRANSACTION_ITEMS, transactWrite, type TxItem } from './transact.js';

/** A write and the write that takes it back (plain data, so it can be logged). */
export type Reversible = { apply: TxItem; undo: TxItem };

/** A put that creates an item, undone by deleting that item. */
export function created(apply: TxItem): Reversible {
  const put = apply.Put!;
  const { pk, sk } = put.Item as { pk: string; sk: string };
  return { apply, undo: { Delete: { TableName: put.TableName, Key: { pk, sk } } } };
}

type LoggedUndo = Pick<TxItem, 'Put' | 'Delete' | 'Update'>;

/**
 * Applies groups of writes that together may exceed one transaction, all or nothing. Each
 * chunk is one transaction that also writes its log entry (with the undo of every write in
 * it), so "applied" and "logged" cannot come apart and no chunk applies twice. If a chunk
 * fails, the chunks already applied are undone from the log, newest first, and the error is
 * passed on: the data is left as it was. `rollBack` undoes whatever a log still holds, which
 * is how an interrupted change is cleaned up before it is tried again.
 */
export function reversibleApply(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  owner: string,
) {
  const TableName = deps.tableName;

  /**
   * `last` rides in the final chunk (the record that the change is done); `everyChunk` in each
   * chunk and in each undo (a revision readers use to drop caches of what the change touched);
   * `first` (asked only when there are several chunks) in the first chunk: a link to this
   * change's log, so an interrupted change can be found and rolled back (room for one item).
   */
  async function run(
    groups: Reversible[][],
    last: TxItem[] = [],
    everyChunk: TxItem[] = [],
    first: () => TxItem[] = () => [],
  ): Promise<void> {
    const room = MAX_TRANSACTION_ITEMS - 2 - last.length - everyChunk.length;
    const chunks = pack(groups, room);
    const firstItems = chunks.length > 1 ? first() : [];
    for (let k = 0; k < chunks.length; k++) {
      const chunk = chunks[k]!;
      const logEntry: TxItem = {
        Put: {
          TableName,
          Item: {
            ...keys.applyLog(tenant, owner, k),
            type: 'applyLog',
            owner,
            chunk: k,
            status: 'done',
            // As JSON text: read back through the document client, nested numbers would
            // come back as strings and the undo would write them so.
            undo: JSON.stringify([...chunk.map((w) => plain(w.undo)), ...everyChunk.map(plain)]),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
      const extra = [...(k === 0 ? firstItems : []), ...(k === chunks.length - 1 ? last : [])];
      const items = [...chunk.map((w) => w.apply), ...everyChunk, logEntry, ...extra];
      try {
        // A conflict wrote nothing and the log entry's condition makes a repeat harmless.
        await retryOnConflict(() => transactWrite(deps.db, items));
      } catch (err) {
        await rollBack();
        throw err;
      }
    }
  }

  /** Undoes every chunk the log says is applied, newest first, each exactly once. */
  async function rollBack(): Promise<number> {
    const entries = await log();
    let undone = 0;
    for (const entry of entries.reverse()) {
      if (entry.status !== 'done') continue;
      const undo: TxItem[] = [
        ...(JSON.parse(String(entry.undo)) as LoggedUndo[]).map((u) => u as TxItem),
        {
          Update: {
            TableName,
            Key: keys.applyLog(tenant, owner, Number(entry.chunk)),
            UpdateExpression: 'SET #status = :undone',
            ConditionExpression: '#status = :done',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':undone': 'undone', ':done': 'done' },
          },
        },
      ];
      await retryOnConflict(() => transactWrite(deps.db, undo));
      undone++;
    }
    return undone;
  }

  async function log(): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await deps.db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'pk' },
          ExpressionAttributeValues: { ':pk': keys.applyLogPartition(tenant, owner) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  return { run, rollBack, log };
}

/** Groups stay whole in one transaction (a head and the versions it lists, say). */
function pack(groups: Reversible[][], room: number): Reversible[][] {
  const chunks: Reversible[][] = [];
  let current: Reversible[] = [];
  for (const group of groups) {
    if (group.length > room)
      throw new Error(`a group of ${group.length} writes does not fit one transaction`);
    if (current.length + group.length > room) {
      chunks.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function plain(item: TxItem): LoggedUndo {
  const { onConditionFailed: _ignored, ...op } = item;
  return op;
}
