import {
  type Page,
  alreadyExists,
  notFound,
  versionConflict,
  zItem,
  zPartner,
  zUnit,
  zWarehouse,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import { Expr } from './expressions.js';
import { keys, type MasterKind } from './keys.js';
import { queryPage } from './query.js';
import { type DeclaredRecord, declareRecord, numbersAt, type StoredItem } from './records.js';
import type { TxItem } from './transact.js';
import { marking } from './mrpMarks.js';

export type Audited = {
  code: string;
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
};

/** Numbers of each kind's record, stored as exact text and read back into numbers. */
const NUMBERS: Record<MasterKind, readonly string[]> = {
  item: ['version', 'precision', 'leadTimeDays', 'lotSizing.days'],
  unit: ['version', 'precision'],
  warehouse: ['version'],
  partner: ['version'],
};

/** The shared contract of each kind's record: what a stored item must be. */
const CONTRACT: Record<MasterKind, { parse: (v: unknown) => Audited }> = {
  item: zItem,
  unit: zUnit,
  warehouse: zWarehouse,
  partner: zPartner,
};

const searchText = (r: { code: string; name: string }) => `${r.code} ${r.name}`.toLowerCase();

/**
 * A master record of one kind: in its kind's partition by code, with a search text (code and
 * name, lower case) for the list's filter. An import marks what it wrote with `importId`,
 * which is not read back.
 */
function masterRecord(kind: MasterKind) {
  return declareRecord<Audited, { code: string }>({
    type: kind,
    key: (tenant, r) => keys.master(tenant, kind, r.code),
    extra: (r) => ({ searchText: searchText(r) }),
    parse: (raw) => CONTRACT[kind].parse(numbersAt(raw, NUMBERS[kind])),
  });
}

/** The declarations of items, units, warehouses and partners. */
export const MASTER_RECORDS = {
  item: /* @__PURE__ */ masterRecord('item'),
  unit: /* @__PURE__ */ masterRecord('unit'),
  warehouse: /* @__PURE__ */ masterRecord('warehouse'),
  partner: /* @__PURE__ */ masterRecord('partner'),
} satisfies Record<MasterKind, DeclaredRecord<Audited, { code: string }>>;

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

  const declared = MASTER_RECORDS[kind];

  /** The record of a stored item (the caller names the kind's record type as `T`). */
  function toRecord(raw: StoredItem): T {
    return declared.read(raw) as T;
  }

  /**
   * A create as a transaction item (imports take its item and write many at once; they mark
   * every item themselves).
   */
  function createItem(record: T): TxItem {
    return {
      ...declared.putNew(deps, tenant, record, () => alreadyExists(kind, record.code)),
      // A new item is planned from the next run on (a net run reads the marked items).
      ...(kind === 'item' ? marking(tenant, [record.code]) : {}),
    };
  }

  /** An eventually consistent read, as it always was (lists and references read these). */
  async function get(code: string): Promise<T | undefined> {
    const found = await declared.get(deps, tenant, { code }, { consistent: false });
    return found as T | undefined;
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
      // An item's planning data (lead time, lot sizing, safety stock, source) plans it anew.
      ...(kind === 'item' ? marking(tenant, [code]) : {}),
    };
  }

  /**
   * Paged by code. `q` matches a code prefix or any part of the name (case-insensitive); `flag`
   * keeps records whose boolean attribute is that value (an absent attribute counts as false).
   */
  function list(q: {
    limit: number;
    cursor?: string;
    q?: string;
    flag?: { attr: string; value: boolean };
  }): Promise<Page<T>> {
    const needle = q.q;
    const flag = q.flag;
    return queryPage(
      deps,
      {
        partition: { attr: 'pk', value: partition },
        build: (e) => {
          const filters: string[] = [];
          if (needle)
            filters.push(
              `(begins_with(${e.name('code')}, ${e.value(needle)}) OR contains(${e.name('searchText')}, ${e.value(needle.toLowerCase())}))`,
            );
          if (flag)
            filters.push(
              flag.value
                ? `${e.name(flag.attr)} = ${e.value(true)}`
                : `(attribute_not_exists(${e.name(flag.attr)}) OR ${e.name(flag.attr)} = ${e.value(false)})`,
            );
          return filters.length ? { filter: filters.join(' AND ') } : {};
        },
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
    const record = MASTER_RECORDS[kind].read(raw);
    out[kind]!.set(record.code, record);
  }
  return out;
}

export type MasterDataRepo<T extends Audited> = ReturnType<typeof masterDataRepo<T>>;
