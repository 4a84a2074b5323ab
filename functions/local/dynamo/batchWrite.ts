// BatchWriteItem without dynalite's per-item machinery.
//
// dynalite runs a batch of 25 writes as 25 PutItem/DeleteItem actions in parallel, each of
// which looks its table up again, validates its item and builds its key again (an MD5 each
// time), takes an item lock, reads the old item through a callback and a timer, writes its
// index entries and the item one callback at a time, and encodes an item that is also its
// own index entry twice. Under the front's write lock none of that guards anything, and a
// batch write has no conditions, so this does the same writes directly: the request is
// validated exactly as dynalite validates it (same checks, same order, same errors), the old
// items are read, and the index entries and items are held back (engine.ts) as the same
// LevelDB operations dynalite would have caused, written with the rest of the operation as
// one batch.
import { createRequire } from 'node:module';
// Before dynalite's store is loaded: its in-memory store keeps strings (see memoryStore.ts).
import './memoryStore.js';

const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;
type AttrMap = Record<string, Record<string, unknown>>;
type KeyElement = { AttributeName: string; KeyType?: string };
type Index = {
  IndexName: string;
  KeySchema: KeyElement[];
  Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
};
export type Table = {
  TableName: string;
  KeySchema: KeyElement[];
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  GlobalSecondaryIndexes?: Index[];
  LocalSecondaryIndexes?: Index[];
} & Json;
type DynaliteError = Error & { statusCode?: number; body?: Json };
type IndexAction = { index: string; key: string; item?: AttrMap };

const db = require('dynalite/db') as {
  validateItem(item: AttrMap, table: Table): DynaliteError | undefined;
  validateKey(key: AttrMap, table: Table): DynaliteError | undefined;
  createKey(item: AttrMap, table: Table, keySchema?: KeyElement[]): string;
  getIndexActions(
    indexes: Index[],
    existing: AttrMap | undefined,
    item: AttrMap | null | undefined,
    table: Table,
  ): { puts: IndexAction[]; deletes: { index: string; key: string }[] };
  validationError(message: string): DynaliteError;
  hashPrefix(hashKey: unknown, hashType: string): string;
  toRangeStr(keyPiece: unknown, type: string): string;
};

/** What the fast path needs of dynalite's store and of the engine's held-back writes. */
export type BatchWriteStore = {
  getTable(name: string, cb: (err: DynaliteError | null, table?: Table) => void): void;
  /** An item as stored (the JSON value LevelDB keeps), or undefined. */
  get(key: string): Promise<AttrMap | undefined>;
  /** Holds back one LevelDB operation of this request. */
  hold(op: { type: 'put'; key: string; value: string } | { type: 'del'; key: string }): void;
};

type Request = { PutRequest?: { Item: AttrMap }; DeleteRequest?: { Key: AttrMap } };

/**
 * Whether the fast path gives exactly dynalite's answer: not when consumed capacity is asked
 * for (dynalite sums it per action), nor for several tables at once; the product does neither.
 */
export function batchWriteFastPathApplies(data: Json): boolean {
  const capacity = data.ReturnConsumedCapacity;
  // One table (the product has one): dynalite checks several tables' requests concurrently.
  return (
    (capacity === undefined || capacity === 'NONE') &&
    Object.keys(data.RequestItems as Json).length === 1
  );
}

/**
 * dynalite's batchWriteItem action (validated data in, its answer or its error out), with
 * the writes held back through `store.hold`.
 */
export async function batchWrite(store: BatchWriteStore, data: Json): Promise<Json> {
  const requestItems = data.RequestItems as Record<string, Request[]>;
  const writes: {
    table: Table;
    key: string;
    put?: AttrMap;
  }[] = [];
  try {
    // As dynalite: every request of every table is checked before anything is written.
    for (const tableName of Object.keys(requestItems)) {
      const table = await tableOf(store, tableName);
      const seen = new Set<string>();
      for (const req of requestItems[tableName]!) {
        let key: string | undefined;
        if (req.PutRequest) {
          const invalid = db.validateItem(req.PutRequest.Item, table);
          if (invalid != null) throw invalid;
          key = itemKey(req.PutRequest.Item, table);
          writes.push({ table, key, put: req.PutRequest.Item });
        } else if (req.DeleteRequest) {
          const invalid = db.validateKey(req.DeleteRequest.Key, table);
          if (invalid != null) throw invalid;
          key = itemKey(req.DeleteRequest.Key, table);
          writes.push({ table, key });
        }
        // As dynalite, an empty request (refused by its validation already) has no key.
        if (seen.has(key as string))
          throw db.validationError('Provided list of item keys contains duplicates');
        seen.add(key as string);
      }
    }
  } catch (err) {
    const e = err as DynaliteError;
    const message = e.body?.message;
    if (typeof message === 'string' && /Missing the key|Type mismatch for key/.test(message))
      e.body!.message = 'The provided key element does not match the schema';
    throw e;
  }

  // The items as they were (no two writes of a batch touch the same item or index entry).
  const existing = await Promise.all(
    writes.map((w) => store.get(`item-${w.table.TableName}~${w.key}`)),
  );
  writes.forEach((w, i) => {
    const old = existing[i];
    const value = w.put === undefined ? undefined : JSON.stringify(w.put);
    for (const kind of ['Local', 'Global'] as const) {
      const indexes = w.table[`${kind}SecondaryIndexes`] ?? [];
      if (indexes.length === 0) continue;
      const actions = db.getIndexActions(indexes, old, w.put ?? null, w.table);
      const prefix = (index: string) =>
        `index-${kind.toLowerCase()}~${w.table.TableName}~${index}~`;
      for (const d of actions.deletes) store.hold({ type: 'del', key: prefix(d.index) + d.key });
      for (const p of actions.puts) {
        store.hold({
          type: 'put',
          key: prefix(p.index) + p.key,
          // An index that projects ALL keeps the item itself: the same text.
          value: p.item === w.put ? value! : JSON.stringify(p.item),
        });
      }
    }
    const key = `item-${w.table.TableName}~${w.key}`;
    store.hold(value === undefined ? { type: 'del', key } : { type: 'put', key, value });
  });
  return { UnprocessedItems: {} };
}

function tableOf(store: BatchWriteStore, name: string): Promise<Table> {
  return new Promise((resolve, reject) =>
    store.getTable(name, (err, table) => (err ? reject(err) : resolve(table!))),
  );
}

/** The hash part of item keys, by partition: the same MD5 for every item of a partition. */
const hashPrefixes = new Map<string, string>();

/**
 * dynalite's `createKey(item, table)`: `<hash prefix>/<hash key>/<range key>/`, with the
 * hash prefix (an MD5 of the partition key) remembered per partition.
 */
export function itemKey(item: AttrMap, table: Table): string {
  let key = '';
  table.KeySchema.forEach((element, i) => {
    const attr = element.AttributeName;
    const type = table.AttributeDefinitions.find((d) => d.AttributeName === attr)!.AttributeType;
    const value = item[attr]![type];
    if (i === 0) {
      const memo = `${type}:${String(value)}`;
      let prefix = hashPrefixes.get(memo);
      if (prefix === undefined) {
        prefix = db.hashPrefix(value, type);
        if (hashPrefixes.size >= 10_000) hashPrefixes.clear();
        hashPrefixes.set(memo, prefix);
      }
      key = `${prefix}/`;
    }
    key += `${db.toRangeStr(value, type)}/`;
  });
  return key;
}
