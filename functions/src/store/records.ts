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

/** Store-only attributes every record may carry; a parser never needs them. */
export const STORE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type'] as const;

/** How a record is stored: its fields as attributes, or as one JSON text attribute. */
export type Storage = { kind: 'plain' } | { kind: 'json'; attribute: string };

/**
 * `T` is what a put writes, `R` what a read gives back (the same unless some of the record
 * only places it: a marker whose key names its owner, say).
 */
export type RecordDeclaration<T, Id, R = T> = {
  /** The `type` attribute of every stored item of this record. */
  type: string;
  /** The table key of the record `id` names (what a get reads). */
  key: (tenant: string, id: Id) => Key;
  /** The keys a stored record carries: its table key and, when indexed, its index key. */
  keys: (tenant: string, record: T) => Key | (Key & IndexKey);
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
};

/** A stored item that is not what its declaration says: a bug or a damaged record. */
export class UnparseableRecordError extends Error {
  constructor(
    readonly recordType: string,
    readonly key: { pk?: unknown; sk?: unknown },
    readonly detail: string,
  ) {
    super(
      `stored ${recordType} at ${String(key.pk)} / ${String(key.sk)} does not parse: ${detail}`,
    );
    this.name = 'UnparseableRecordError';
  }
}

type Db = Pick<Deps, 'db' | 'tableName'>;

/** What a failed condition means for the caller (the item as it was, when there was one). */
type OnFailed = (old: StoredItem | undefined) => AppError;

export type DeclaredRecord<T, Id, R = T> = ReturnType<typeof declareRecord<T, Id, R>>;

export function declareRecord<T, Id, R = T>(decl: RecordDeclaration<T, Id, R>) {
  const storage = decl.storage ?? { kind: 'plain' };

  /** The item a put writes: keys, `type`, then the record (and its extra attributes). */
  function item(tenant: string, record: T): StoredItem {
    const fields = decl.attributes?.(record) ?? { ...(record as object) };
    const body = storage.kind === 'json' ? { [storage.attribute]: JSON.stringify(fields) } : fields;
    return { ...decl.keys(tenant, record), type: decl.type, ...body, ...decl.extra?.(record) };
  }

  /** The record of an item read back; a clear error names the item that does not parse. */
  function read(raw: StoredItem): R {
    if (raw.type !== undefined && raw.type !== decl.type) {
      throw new UnparseableRecordError(decl.type, raw, `its type is ${String(raw.type)}`);
    }
    let fields: StoredItem = raw;
    if (storage.kind === 'json') {
      const text = raw[storage.attribute];
      if (typeof text !== 'string') {
        throw new UnparseableRecordError(decl.type, raw, `no JSON text in ${storage.attribute}`);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new UnparseableRecordError(decl.type, raw, describe(err));
      }
      if (!isStored(parsed)) {
        throw new UnparseableRecordError(decl.type, raw, `${storage.attribute} is not an object`);
      }
      fields = parsed;
    }
    try {
      return decl.parse(fields, raw);
    } catch (err) {
      if (err instanceof UnparseableRecordError) throw err;
      throw new UnparseableRecordError(decl.type, raw, describe(err));
    }
  }

  return {
    type: decl.type,
    key: decl.key,
    keys: decl.keys,
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
      const { pk, sk } = decl.key(tenant, id);
      const res = await db.db.send(
        new GetCommand({
          TableName: db.tableName,
          Key: { pk, sk },
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

function describe(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'issues' in err && Array.isArray(err.issues)) {
    return err.issues
      .map((i: { path?: unknown[]; message?: string }) =>
        `${(i.path ?? []).join('.') || '(item)'}: ${i.message ?? ''}`.trim(),
      )
      .join('; ');
  }
  return err instanceof Error ? err.message : String(err);
}

// ---- small parsers for stored items ------------------------------------------------------

/**
 * The item with the number at each path read from its decimal text (`a.b`, `a[].b` for each
 * element of an array): what a zod contract with numbers needs before it parses.
 */
export function numbersAt(raw: StoredItem, paths: readonly string[]): StoredItem {
  let out = raw;
  for (const path of paths) out = numberAt(out, path.split('.'));
  return out;
}

function numberAt(value: StoredItem, path: string[]): StoredItem {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const each = head.endsWith('[]');
  const name = each ? head.slice(0, -2) : head;
  const v = value[name];
  if (v === undefined || v === null) return value;
  const at = (x: unknown): unknown => {
    if (rest.length === 0) return typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
    return isStored(x) ? numberAt(x, rest) : x;
  };
  return { ...value, [name]: each ? (Array.isArray(v) ? v.map(at) : v) : at(v) };
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

/** The text attribute `name` of `raw`, or nothing: spreads an optional field. */
export function optionalText<K extends string>(raw: StoredItem, name: K): { [P in K]?: string } {
  const v = text(raw[name]);
  const out: { [P in K]?: string } = {};
  if (v !== undefined) out[name] = v;
  return out;
}
