import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AppError } from '@factory/shared';
import type { Deps } from '../deps.js';
import { expectVersion } from './expressions.js';
import type { IndexKey, Key } from './keys.js';
import { queryAll } from './query.js';
import type { TxItem } from './transact.js';

/**
 * Records declared once (docs/architecture.md, "Records declared once"). A declaration says
 * what a record type is in the table: its `type` tag, its key and index keys (built by
 * `keys.ts`, so stored keys stay what they are), how it is stored and how an item read back
 * becomes the record (a parser: the shared zod contract where one exists, else a small
 * explicit one). `declareRecord` derives from it the stored item, the writes a transaction
 * takes (`TxItem`), the get and the query of a partition; repositories are built from these.
 */

/** An item as the store hands it back: numbers are their exact decimal text. */
export type StoredItem = Record<string, unknown>;

/** How a record is stored: its fields as attributes, or as one JSON text attribute. */
export type Storage = { kind: 'plain' } | { kind: 'json'; attribute: string };

/**
 * `T` is what a put writes, `R` what a read gives back (the same unless some of the record
 * only places it: a marker whose key names its owner, say).
 */
export type RecordDeclaration<T, Id, R = T> = {
  /** The type attribute of every stored item of this record. */
  type: string;
  /** The keys of the record `id` names (a get reads its table key). */
  key: (tenant: string, id: Id) => Key | (Key & IndexKey);
  /**
   * The keys a stored record carries (its table key and, when indexed, its index key); needed
   * only when a record is not its own id (default: `key` of the record).
   */
  keys?: (tenant: string, record: T) => Key | (Key & IndexKey);
  /** The record's stored attributes, or what its JSON text holds (default: all its fields). */
  attributes?: (record: T) => StoredItem;
  /** Attributes stored besides the record's own (e.g. a search text); not read back. */
  extra?: (record: T) => StoredItem;
  /** Plain (default): the record's fields are the item's attributes. */
  storage?: Storage;
  /**
   * The record from an item read back (throws on an item that is not one): its attributes, or
   * the object of its JSON text, then the whole stored item (for attributes beside the text).
   */
  parse: (fields: StoredItem, stored: StoredItem) => R;
} & ([T] extends [Id] ? unknown : { keys: (tenant: string, record: T) => Key | (Key & IndexKey) });

/** A stored item that is not what its declaration says: a bug or a damaged record. */
export class UnparseableRecordError extends Error {
  constructor(type: string, key: StoredItem, detail: string) {
    super(`stored ${type} at ${String(key.pk)} / ${String(key.sk)} does not parse: ${detail}`);
    this.name = 'UnparseableRecordError';
  }
}

type Db = Pick<Deps, 'db' | 'tableName'>;

/** What a failed condition means for the caller (the item as it was, when there was one). */
type OnFailed = (old: StoredItem | undefined) => AppError;

export type DeclaredRecord<T, Id, R = T> = ReturnType<typeof declareRecord<T, Id, R>>;

/**
 * Builds no state but the declaration: each module-level call is marked `@__PURE__`, so a
 * bundle that loads a repository module without using its declarations drops them.
 */
export function declareRecord<T, Id, R = T>(decl: RecordDeclaration<T, Id, R>) {
  const storage = decl.storage ?? { kind: 'plain' };
  // Without `keys`, the record is its own id (the declaration's type says so).
  const keysOf = decl.keys ?? ((tenant: string, r: T) => decl.key(tenant, r as unknown as Id));
  const key = (tenant: string, id: Id): Key => {
    const { pk, sk } = decl.key(tenant, id);
    return { pk, sk };
  };

  /** The item a put writes: keys, `type`, then the record (and its extra attributes). */
  function item(tenant: string, record: T): StoredItem {
    const fields = decl.attributes?.(record) ?? { ...(record as object) };
    const body = storage.kind === 'json' ? { [storage.attribute]: JSON.stringify(fields) } : fields;
    return { ...keysOf(tenant, record), type: decl.type, ...body, ...decl.extra?.(record) };
  }

  /** The record of an item read back; a clear error names the item that does not parse. */
  function read(raw: StoredItem): R {
    if (raw.type !== undefined && raw.type !== decl.type) {
      throw new UnparseableRecordError(decl.type, raw, `its type is ${String(raw.type)}`);
    }
    try {
      let fields: unknown = raw;
      if (storage.kind === 'json') {
        fields = JSON.parse(String(raw[storage.attribute]));
        if (!isStored(fields)) throw new Error(`${storage.attribute} holds no JSON object`);
      }
      return decl.parse(isStored(fields) ? fields : {}, raw);
    } catch (err) {
      throw new UnparseableRecordError(decl.type, raw, describe(err));
    }
  }

  return {
    type: decl.type,
    key,
    keys: keysOf,
    item,
    read,

    /** A put that writes a new record only (its key must be free). */
    putNew(db: Db, tenant: string, record: T, onExists?: OnFailed): TxItem {
      return {
        Put: {
          TableName: db.tableName,
          Item: item(tenant, record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
        ...(onExists ? { onConditionFailed: onExists } : {}),
      };
    },

    /**
     * A put guarded by the version (or revision) the writer read: `expected` undefined writes
     * a new record, else the stored `attr` must still be `expected`.
     */
    putAt(
      db: Db,
      tenant: string,
      record: T,
      expected: number | undefined,
      onFailed: OnFailed,
      attr = 'version',
    ): TxItem {
      return {
        Put: {
          TableName: db.tableName,
          Item: item(tenant, record),
          ...expectVersion(expected, attr),
        },
        onConditionFailed: onFailed,
      };
    },

    /** A put without a condition (a record that is simply replaced). */
    put(db: Db, tenant: string, record: T): TxItem {
      return { Put: { TableName: db.tableName, Item: item(tenant, record) } };
    },

    /** The record `id` names, read consistently (undefined when there is none). */
    async get(
      db: Db,
      tenant: string,
      id: Id,
      options: { consistent?: boolean } = { consistent: true },
    ): Promise<R | undefined> {
      const res = await db.db.send(
        new GetCommand({
          TableName: db.tableName,
          Key: key(tenant, id),
          ...(options.consistent ? { ConsistentRead: true } : {}),
        }),
      );
      return res.Item ? read(res.Item) : undefined;
    },

    /** Every record of this type in a partition (of the table or of gsi1), in key order. */
    async queryPartition(
      db: Db,
      partition: { attr: 'pk' | 'gsi1pk'; value: string },
    ): Promise<R[]> {
      const rows = await queryAll(db, partition);
      return rows.filter((r) => r.type === decl.type).map(read);
    },
  };
}

/** A parser's complaint: a zod error's issues (path: message), or the error's message. */
function describe(err: unknown): string {
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] } | null)?.issues;
  return issues
    ? issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    : String((err as Error | null)?.message ?? err);
}

// ---- small parsers for stored items ------------------------------------------------------

/**
 * The item with the number at each path (`a` or `a.b`) read from its decimal text: what a zod
 * contract with numbers needs before it parses.
 */
export function numbersAt(raw: StoredItem, paths: readonly string[]): StoredItem {
  const out = { ...raw };
  for (const path of paths) {
    const [a, b] = path.split('.');
    const v = out[a!];
    if (b === undefined) out[a!] = v === undefined || v === null ? v : Number(v);
    else if (isStored(v) && v[b] !== undefined) out[a!] = { ...v, [b]: Number(v[b]) };
  }
  return out;
}

/** Whether a value read back is a map (a nested record). */
export function isStored(v: unknown): v is StoredItem {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The maps of a stored list (an absent or non-list attribute is an empty list). */
export function storedList(v: unknown): StoredItem[] {
  return Array.isArray(v) ? v.filter(isStored) : [];
}

/** Text of an attribute, or undefined when it is absent (or null). */
export function text(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

/** The named attributes as text (an absent one reads as 'undefined': for required fields). */
export function strings<K extends string>(raw: StoredItem, names: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const n of names) out[n] = String(raw[n]);
  return out;
}

/**
 * The named attributes that are set (not absent nor null; `truthy`: not empty either), as
 * text: spreads optional fields.
 */
export function texts<K extends string>(
  raw: StoredItem,
  names: readonly K[],
  truthy = false,
): { [P in K]?: string } {
  const out: { [P in K]?: string } = {};
  for (const n of names) {
    const v = raw[n];
    if (truthy ? v : v !== undefined && v !== null) out[n] = String(v);
  }
  return out;
}
