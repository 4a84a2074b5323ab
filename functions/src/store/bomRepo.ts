import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  type BomLine,
  type BomVersionSummary,
  zBomVersionSummary,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import { Expr } from './expressions.js';
import { textPieces } from './itemSize.js';
import { type Key, keys } from './keys.js';
import { queryAll as queryAllPages } from './query.js';
import { declareRecord, isStored, storedList, strings, texts } from './records.js';
import type { TxItem } from './transact.js';
import { marking } from './mrpMarks.js';

/** Up to this many bytes (as text) a version keeps its lines in its own item; above, in pages. */
const INLINE_BYTES = 100 * 1024;

/** A version's entry on its BOM's head: everything but the lines. */
export type HeadEntry = Omit<BomVersionSummary, 'parent' | 'revision'>;

/** A BOM's head: the versions and one revision that every change to the BOM bumps. */
export type BomHead = { parent: string; revision: number; versions: HeadEntry[] };

export type StoredLines = { parent: string; version: string; lines: BomLine[] };

export type UsageEntry = {
  component: string;
  parent: string;
  version: string;
  qtyPer: string;
  asSubstitute: boolean;
};

export type StructureEntry = { parent: string; approved: string[]; all: string[] };

const zHeadEntry = /* @__PURE__ */ zBomVersionSummary.omit({ parent: true, revision: true });

/**
 * A BOM's head (`BOM#<parent>`, sk '#HEAD'): every version's status and window, and the
 * revision that guards every change to the BOM.
 */
export const bomHeadRecord = /* @__PURE__ */ declareRecord<BomHead, { parent: string }>({
  type: 'bomHead',
  key: (tenant, h) => keys.bomHead(tenant, h.parent),
  parse: (raw) => ({
    parent: String(raw.parent),
    revision: Number(raw.revision),
    versions: storedList(raw.versions).map((v) =>
      zHeadEntry.parse({ ...v, lineCount: Number(v.lineCount) }),
    ),
  }),
});

/** Where a version's lines are: in its own item as JSON text, or in that many pages. */
type StoredVersion = {
  parent: string;
  version: string;
  lineCount: number;
  linesText?: string;
  linePages?: number;
};

/**
 * A BOM version's lines (`BOM#<parent>`, `V#<version>`): JSON text (one attribute: nothing
 * queries inside lines, and a list of maps costs the store most of a large import's time), up
 * to `INLINE_BYTES` on the item, else in pages (`L#<version>#nnnnn`) the item counts.
 * Versions written before lines were text hold a list (`lines`).
 */
export const bomVersionRecord = /* @__PURE__ */ declareRecord<
  StoredVersion,
  { parent: string; version: string },
  StoredVersion & { lines?: BomLine[] }
>({
  type: 'bomVersion',
  key: (tenant, v) => keys.bomVersion(tenant, v.parent, v.version),
  parse: (raw) => ({
    ...strings(raw, ['parent', 'version']),
    lineCount: Number(raw.lineCount),
    ...texts(raw, ['linesText']),
    ...(raw.linePages !== undefined ? { linePages: Number(raw.linePages) } : {}),
    ...(Array.isArray(raw.lines) ? { lines: bomLines(raw.lines) } : {}),
  }),
});

/** A page of a large version's lines: a piece of their JSON text. */
export const bomLinePageRecord = /* @__PURE__ */ declareRecord<
  { parent: string; version: string; page: number; text: string },
  { parent: string; version: string; page: number }
>({
  type: 'bomLinePage',
  key: (tenant, p) => keys.bomLinePage(tenant, p.parent, p.version, p.page),
  parse: (raw) => ({ ...strings(raw, ['parent', 'version', 'text']), page: Number(raw.page) }),
});

/**
 * BOM lines read back from what this store wrote from the contract (JSON text or a list):
 * checked for their shape, not validated again field by field (the contract's parser takes
 * about 2 s per 100,000 lines, which planning reads on every run).
 */
function bomLines(v: unknown): BomLine[] {
  if (!isBomLines(v)) throw new Error('BOM lines are not a list of lines');
  return v;
}

function isBomLines(v: unknown): v is BomLine[] {
  return (
    Array.isArray(v) &&
    v.every((l) => isStored(l) && typeof l.component === 'string' && typeof l.qtyPer === 'string')
  );
}

/** A where-used entry (`USE#<component>`, by parent and version). */
export const bomUsageRecord = /* @__PURE__ */ declareRecord<
  UsageEntry,
  Omit<UsageEntry, 'qtyPer' | 'asSubstitute'>
>({
  type: 'bomUsage',
  key: (tenant, u) => keys.usage(tenant, u.component, u.parent, u.version),
  parse: (raw) => ({
    ...strings(raw, ['component', 'parent', 'version', 'qtyPer']),
    asSubstitute: Boolean(raw.asSubstitute),
  }),
});

/** The product structure's entry of one parent: its approved versions and all of them. */
export const bomStructureRecord = /* @__PURE__ */ declareRecord<StructureEntry, { parent: string }>(
  {
    type: 'bomStructure',
    key: (tenant, e) => keys.structure(tenant, e.parent),
    parse: (raw) => ({
      parent: String(raw.parent),
      approved: storedTexts(raw.approved),
      all: storedTexts(raw.all),
    }),
  },
);

/** An item's low-level code (its deepest level in any product structure). */
export const lowLevelCodeRecord = /* @__PURE__ */ declareRecord<
  { item: string; llc: number },
  { item: string }
>({
  type: 'lowLevelCode',
  key: (tenant, c) => keys.lowLevelCode(tenant, c.item),
  parse: (raw) => ({ item: String(raw.item), llc: Number(raw.llc) }),
});

function storedTexts(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

/** BOM heads, versions, where-used entries, the structure index and low-level codes. */
export function bomRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;

  const batchGet = (keyList: Key[]) => batchGetKeys(deps, keyList);

  const queryAll = (pk: string) => queryAllPages(deps, { attr: 'pk', value: pk });

  function getHead(parent: string): Promise<BomHead | undefined> {
    return bomHeadRecord.get(deps, tenant, { parent });
  }

  async function getHeads(parents: Iterable<string>): Promise<Map<string, BomHead>> {
    const raw = await batchGet(
      [...new Set(parents)].map((parent) => bomHeadRecord.key(tenant, { parent })),
    );
    return new Map(raw.map((r) => bomHeadRecord.read(r)).map((h) => [h.parent, h]));
  }

  async function getLines(parent: string, version: string): Promise<StoredLines | undefined> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: keys.bomVersion(tenant, parent, version) }),
    );
    if (!res.Item) return undefined;
    return (await withPages([res.Item]))[0];
  }

  /** Lines of many versions at once (explosion loads a tree level by level). */
  async function getManyLines(
    wanted: { parent: string; version: string }[],
  ): Promise<Map<string, StoredLines>> {
    const raw = await batchGet(wanted.map((w) => keys.bomVersion(tenant, w.parent, w.version)));
    return new Map((await withPages(raw)).map((l) => [`${l.parent}@${l.version}`, l]));
  }

  /**
   * Versions as stored, their lines parsed; those of paged versions joined from their pages
   * (one batch read for all). Versions written before lines were kept as text hold a list.
   */
  async function withPages(raw: Record<string, unknown>[]): Promise<StoredLines[]> {
    const versions = raw.map((r) => bomVersionRecord.read(r));
    const pageKey = (parent: string, version: string, page: number) =>
      bomLinePageRecord.key(tenant, { parent, version, page });
    const pageRows = await batchGet(
      versions.flatMap((v) =>
        Array.from({ length: v.linePages ?? 0 }, (_, n) => pageKey(v.parent, v.version, n)),
      ),
    );
    const byKey = new Map(
      pageRows.map((p) => [`${String(p.pk)}|${String(p.sk)}`, bomLinePageRecord.read(p)]),
    );
    return versions.map(({ parent, version, linePages, linesText, lines }) => {
      if (linePages === undefined) {
        return {
          parent,
          version,
          lines: linesText !== undefined ? bomLines(JSON.parse(linesText)) : bomLines(lines),
        };
      }
      let text = '';
      for (let n = 0; n < linePages; n++) {
        const k = pageKey(parent, version, n);
        const page = byKey.get(`${k.pk}|${k.sk}`);
        if (!page) throw new Error(`BOM ${parent} ${version}: line page ${n} is missing`);
        text += page.text;
      }
      return { parent, version, lines: bomLines(JSON.parse(text)) };
    });
  }

  async function getUsage(component: string): Promise<UsageEntry[]> {
    return (await queryAll(keys.usagePartition(tenant, component))).map((r) => ({
      ...bomUsageRecord.read(r),
      component,
    }));
  }

  async function getStructure(): Promise<Map<string, StructureEntry>> {
    const raw = await queryAll(keys.structurePartition(tenant));
    return new Map(raw.map((r) => bomStructureRecord.read(r)).map((e) => [e.parent, e]));
  }

  async function getLowLevelCodesOf(items: Iterable<string>): Promise<Map<string, number>> {
    const raw = await batchGet(
      [...new Set(items)].map((item) => lowLevelCodeRecord.key(tenant, { item })),
    );
    return new Map(raw.map((r) => lowLevelCodeRecord.read(r)).map((c) => [c.item, c.llc]));
  }

  /** Where-used entries by exact key (component, parent, version), in batches. */
  async function getUsageEntries(
    wanted: Pick<UsageEntry, 'component' | 'parent' | 'version'>[],
  ): Promise<UsageEntry[]> {
    const raw = await batchGet(
      wanted.map((w) => keys.usage(tenant, w.component, w.parent, w.version)),
    );
    return raw.map((r) => bomUsageRecord.read(r));
  }

  async function getLowLevelCodes(): Promise<Map<string, number>> {
    const raw = await queryAll(keys.lowLevelCodePartition(tenant));
    return new Map(raw.map((r) => lowLevelCodeRecord.read(r)).map((c) => [c.item, c.llc]));
  }

  // ---- writes, built as transaction items -------------------------------------------------

  /**
   * Writes the head if it is still at `expected` (undefined: it must not exist yet). Every
   * change to a BOM goes through its head, so two concurrent edits cannot both win.
   */
  function putHead(head: BomHead, expected: number | undefined): TxItem {
    const e = new Expr();
    const condition =
      expected === undefined
        ? `attribute_not_exists(${e.name('pk')})`
        : `${e.name('revision')} = ${e.value(expected)}`;
    const parts = e.build(condition);
    return {
      Put: { TableName, Item: bomHeadRecord.item(tenant, head), ...parts },
      onConditionFailed: () =>
        new AppError(
          'resource.versionConflict',
          `物料清单 ${head.parent} 已被他人修改，请刷新后重试`,
          {
            entity: 'bom',
            id: head.parent,
            expectedRevision: expected ?? null,
          },
        ),
      // The parent's explosion changes: planning marks it (its components follow it).
      ...marking(tenant, [head.parent]),
    };
  }

  /**
   * A version's lines, kept as JSON text: one attribute instead of a list of maps, which the
   * store validates, encodes and decodes value by value (a 100,000-line import spent most of
   * its time there); nothing queries inside lines. Up to `INLINE_BYTES` the text is on the
   * version item; above, the version item says how many pages (`L#<version>#nnnnn`) of at
   * most `PAGE_BYTES` hold it, written with it (same transaction, or batch), version first.
   */
  function putLines(lines: StoredLines, mustBeNew: boolean): TxItem[] {
    const text = JSON.stringify(lines.lines);
    const inline = Buffer.byteLength(text) <= INLINE_BYTES;
    const pieces = inline ? [] : textPieces(text);
    const stored: StoredVersion = {
      parent: lines.parent,
      version: lines.version,
      lineCount: lines.lines.length,
      ...(inline ? { linesText: text } : { linePages: pieces.length }),
    };
    const head: TxItem = {
      Put: {
        TableName,
        Item: bomVersionRecord.item(tenant, stored),
        ...(mustBeNew ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      },
      onConditionFailed: () =>
        new AppError('resource.exists', `物料清单 ${lines.parent} 的版本 ${lines.version} 已存在`, {
          entity: 'bomVersion',
          id: `${lines.parent}/${lines.version}`,
        }),
    };
    return [
      head,
      ...pieces.map((text, page) =>
        bomLinePageRecord.put(deps, tenant, {
          parent: lines.parent,
          version: lines.version,
          page,
          text,
        }),
      ),
    ];
  }

  /** Removes a version's lines, its pages with it (read first: how many there are). */
  async function removeLines(parent: string, version: string): Promise<TxItem[]> {
    const res = await deps.db.send(
      new GetCommand({
        TableName,
        Key: keys.bomVersion(tenant, parent, version),
        ConsistentRead: true,
      }),
    );
    const count = Number(res.Item?.linePages ?? 0);
    return [
      remove(keys.bomVersion(tenant, parent, version)),
      ...Array.from({ length: count }, (_, n) =>
        remove(keys.bomLinePage(tenant, parent, version, n)),
      ),
    ];
  }

  function putUsage(u: UsageEntry): TxItem {
    return bomUsageRecord.put(deps, tenant, u);
  }

  function putStructure(entry: StructureEntry): TxItem {
    return bomStructureRecord.put(deps, tenant, entry);
  }

  /** One per transaction that changes the structure index (an item may appear once in a transaction). */
  function bumpStructure(): TxItem {
    return {
      Update: {
        TableName,
        Key: keys.structureRevision(tenant),
        UpdateExpression: 'ADD #rev :one SET #type = :type',
        ExpressionAttributeNames: { '#rev': 'rev', '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'bomStructureRevision' },
      },
    };
  }

  async function getStructureRevision(): Promise<number> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: keys.structureRevision(tenant), ConsistentRead: true }),
    );
    return Number(res.Item?.rev ?? 0);
  }

  function putLowLevelCode(item: string, llc: number): TxItem {
    return lowLevelCodeRecord.put(deps, tenant, { item, llc });
  }

  /** The head put back as it was read, unconditionally: the undo of a reversible putHead. */
  function restoreHead(head: BomHead): TxItem {
    return { ...bomHeadRecord.put(deps, tenant, head), ...marking(tenant, [head.parent]) };
  }

  function remove(key: Key): TxItem {
    return { Delete: { TableName, Key: key } };
  }

  return {
    deps,
    tenant,
    getHead,
    getHeads,
    getLines,
    getManyLines,
    getUsage,
    getUsageEntries,
    getStructure,
    getLowLevelCodes,
    getLowLevelCodesOf,
    putHead,
    restoreHead,
    putLines,
    removeLines,
    putUsage,
    putStructure,
    bumpStructure,
    getStructureRevision,
    putLowLevelCode,
    remove,
    keys: {
      head: (parent: string) => keys.bomHead(tenant, parent),
      lines: (parent: string, version: string) => keys.bomVersion(tenant, parent, version),
      usage: (u: Pick<UsageEntry, 'component' | 'parent' | 'version'>) =>
        keys.usage(tenant, u.component, u.parent, u.version),
      structure: (parent: string) => keys.structure(tenant, parent),
      lowLevelCode: (item: string) => keys.lowLevelCode(tenant, item),
    },
  };
}

export type BomRepo = ReturnType<typeof bomRepo>;

/** Where-used entries a version's lines make: components directly, substitutes flagged. */
export function usageOf(parent: string, version: string, lines: readonly BomLine[]): UsageEntry[] {
  const out = new Map<string, UsageEntry>();
  for (const line of lines) {
    out.set(line.component, {
      component: line.component,
      parent,
      version,
      qtyPer: line.qtyPer,
      asSubstitute: false,
    });
  }
  for (const line of lines) {
    for (const s of line.substitutes) {
      if (!out.has(s.item))
        out.set(s.item, {
          component: s.item,
          parent,
          version,
          qtyPer: line.qtyPer,
          asSubstitute: true,
        });
    }
  }
  return [...out.values()];
}
