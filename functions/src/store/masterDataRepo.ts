import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Page, alreadyExists, notFound, versionConflict } from '@factory/shared';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import { Expr } from './expressions.js';
import { keys, type MasterKind } from './keys.js';
import { queryPage } from './query.js';
import type { TxItem } from './transact.js';

export type Audited = {
  code: string;
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
};

/** Integer fields per kind; numbers come back from the store as exact text. */
const INTEGER_FIELDS: Record<MasterKind, string[]> = {
  item: ['precision', 'leadTimeDays'],
  unit: ['precision'],
  warehouse: [],
  partner: [],
};

/** `importId` marks a record an import wrote, so a resumed import knows its own records. */
const STORE_ONLY = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type', 'searchText', 'importId']);

/**
 * Items, units, warehouses and partners: one partition per kind and tenant, sorted by code.
 * Updates carry the version the client read; a stale one is refused.
 */
export function masterDataRepo<T extends Audited>(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  kind: MasterKind,
) {
  const TableName = deps.tableName;
  const partition = keys.masterPartition(tenant, kind);

  function toRecord(raw: Record<string, unknown>): T {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) if (!STORE_ONLY.has(k)) out[k] = v;
    out.version = Number(raw.version);
    for (const f of INTEGER_FIELDS[kind]) if (raw[f] !== undefined) out[f] = Number(raw[f]);
    const lot = raw.lotSizing as { days?: unknown } | undefined;
    if (lot?.days !== undefined) out.lotSizing = { ...lot, days: Number(lot.days) };
    return out as T;
  }

  function searchText(r: { code: string; name: string }): string {
    return `${r.code} ${r.name}`.toLowerCase();
  }

  /** A create as a transaction item, for imports that write many records at once. */
  function createItem(record: T): TxItem {
    return {
      Put: {
        TableName,
        Item: {
          ...keys.master(tenant, kind, record.code),
          type: kind,
          ...record,
          searchText: searchText(record),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      onConditionFailed: () => alreadyExists(kind, record.code),
    };
  }

  async function get(code: string): Promise<T | undefined> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: keys.master(tenant, kind, code) }),
    );
    return res.Item ? toRecord(res.Item) : undefined;
  }

  async function getMany(codes: Iterable<string>): Promise<Map<string, T>> {
    return (await getMasterRecords(deps, tenant, { [kind]: codes }))[kind] as Map<string, T>;
  }

  /**
   * Applies `changes` if the stored version is still `expectedVersion`, as a transaction item
   * (so the caller may write more in the same transaction). `null` clears an optional field.
   */
  function updateItem(
    code: string,
    expectedVersion: number,
    changes: Record<string, unknown>,
    audit: { updatedAt: string; updatedBy: string },
  ): TxItem {
    const set: Record<string, unknown> = { ...audit, version: expectedVersion + 1 };
    const remove: string[] = [];
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) remove.push(k);
      else if (v !== undefined) set[k] = v;
    }
    if (typeof changes.name === 'string') set.searchText = searchText({ code, name: changes.name });
    const e = new Expr();
    const updateExpr = e.update({ set, remove });
    const condition = `attribute_exists(${e.name('pk')}) AND ${e.name('version')} = ${e.value(expectedVersion)}`;
    return {
      Update: {
        TableName,
        Key: keys.master(tenant, kind, code),
        ...e.forUpdate(updateExpr, condition),
      },
      onConditionFailed: (old) =>
        old ? versionConflict(kind, code, expectedVersion) : notFound(kind, code),
    };
  }

  /** Paged by code. `q` matches a code prefix or any part of the name (case-insensitive). */
  function list(q: { limit: number; cursor?: string; q?: string }): Promise<Page<T>> {
    const needle = q.q;
    return queryPage(
      deps,
      {
        partition: { attr: 'pk', value: partition },
        build: (e) =>
          needle
            ? {
                filter: `begins_with(${e.name('code')}, ${e.value(needle)}) OR contains(${e.name('searchText')}, ${e.value(needle.toLowerCase())})`,
              }
            : {},
      },
      q,
      toRecord,
    );
  }

  return { createItem, updateItem, get, getMany, list, toRecord };
}

/**
 * Reads records of several kinds in as few BatchGetItem calls as possible (100 keys each):
 * a posting needs its items and its warehouses, and one round trip serves both.
 */
export async function getMasterRecords(
  deps: Pick<Deps, 'db' | 'tableName'>,
  tenant: string,
  wanted: Partial<Record<MasterKind, Iterable<string>>>,
): Promise<Partial<Record<MasterKind, Map<string, Audited>>>> {
  const out: Partial<Record<MasterKind, Map<string, Audited>>> = {};
  const allKeys: { pk: string; sk: string }[] = [];
  for (const [kind, codes] of Object.entries(wanted) as [MasterKind, Iterable<string>][]) {
    out[kind] = new Map();
    for (const code of new Set(codes)) allKeys.push(keys.master(tenant, kind, code));
  }
  const kindOf = new Map(
    (Object.keys(wanted) as MasterKind[]).map((k) => [keys.masterPartition(tenant, k), k] as const),
  );
  for (const raw of await batchGetKeys(deps, allKeys)) {
    const kind = kindOf.get(String(raw.pk))!;
    const record = masterDataRepo(deps, tenant, kind).toRecord(raw);
    out[kind]!.set(record.code, record);
  }
  return out;
}

export type MasterDataRepo<T extends Audited> = ReturnType<typeof masterDataRepo<T>>;
