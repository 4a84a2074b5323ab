import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { AppError, type BomLine, type BomVersionSummary } from '@factory/shared';
import type { Deps } from '../deps.js';
import { batchGetKeys } from './batchGet.js';
import { Expr } from './expressions.js';
import { textPieces } from './itemSize.js';
import { type Key, keys } from './keys.js';
import { queryAll as queryAllPages } from './query.js';
import type { TxItem } from './transact.js';

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

/** BOM heads, versions, where-used entries, the structure index and low-level codes. */
export function bomRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;

  const batchGet = (keyList: Key[]) => batchGetKeys(deps, keyList);

  const queryAll = (pk: string) => queryAllPages(deps, { attr: 'pk', value: pk });

  function toHead(raw: Record<string, unknown>): BomHead {
    return {
      parent: String(raw.parent),
      revision: Number(raw.revision),
      versions: (raw.versions as Record<string, unknown>[]).map((v) => ({
        ...(v as HeadEntry),
        lineCount: Number(v.lineCount),
      })),
    };
  }

  async function getHead(parent: string): Promise<BomHead | undefined> {
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: keys.bomHead(tenant, parent), ConsistentRead: true }),
    );
    return res.Item ? toHead(res.Item) : undefined;
  }

  async function getHeads(parents: Iterable<string>): Promise<Map<string, BomHead>> {
    const raw = await batchGet([...new Set(parents)].map((p) => keys.bomHead(tenant, p)));
    return new Map(raw.map((r) => [String(r.parent), toHead(r)]));
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
    const paged = raw.filter((r) => r.linePages !== undefined);
    const pageRows = paged.length
      ? await batchGet(
          paged.flatMap((r) =>
            Array.from({ length: Number(r.linePages) }, (_, n) =>
              keys.bomLinePage(tenant, String(r.parent), String(r.version), n),
            ),
          ),
        )
      : [];
    const byKey = new Map(pageRows.map((p) => [`${String(p.pk)}|${String(p.sk)}`, p]));
    return raw.map((r) => {
      const parent = String(r.parent);
      const version = String(r.version);
      if (r.linePages === undefined) {
        const lines =
          r.linesText !== undefined
            ? (JSON.parse(String(r.linesText)) as BomLine[])
            : (r.lines as BomLine[]);
        return { parent, version, lines };
      }
      let text = '';
      for (let n = 0; n < Number(r.linePages); n++) {
        const k = keys.bomLinePage(tenant, parent, version, n);
        const page = byKey.get(`${k.pk}|${k.sk}`);
        if (!page) throw new Error(`BOM ${parent} ${version}: line page ${n} is missing`);
        text += String(page.text);
      }
      return { parent, version, lines: JSON.parse(text) as BomLine[] };
    });
  }

  async function getUsage(component: string): Promise<UsageEntry[]> {
    return (await queryAll(keys.usagePartition(tenant, component))).map((r) => ({
      component,
      parent: String(r.parent),
      version: String(r.version),
      qtyPer: String(r.qtyPer),
      asSubstitute: Boolean(r.asSubstitute),
    }));
  }

  async function getStructure(): Promise<Map<string, StructureEntry>> {
    const raw = await queryAll(keys.structurePartition(tenant));
    return new Map(
      raw.map((r) => [
        String(r.parent),
        { parent: String(r.parent), approved: r.approved as string[], all: r.all as string[] },
      ]),
    );
  }

  async function getLowLevelCodesOf(items: Iterable<string>): Promise<Map<string, number>> {
    const raw = await batchGet([...new Set(items)].map((i) => keys.lowLevelCode(tenant, i)));
    return new Map(raw.map((r) => [String(r.item), Number(r.llc)]));
  }

  /** Where-used entries by exact key (component, parent, version), in batches. */
  async function getUsageEntries(
    wanted: Pick<UsageEntry, 'component' | 'parent' | 'version'>[],
  ): Promise<UsageEntry[]> {
    const raw = await batchGet(
      wanted.map((w) => keys.usage(tenant, w.component, w.parent, w.version)),
    );
    return raw.map((r) => ({
      component: String(r.component),
      parent: String(r.parent),
      version: String(r.version),
      qtyPer: String(r.qtyPer),
      asSubstitute: Boolean(r.asSubstitute),
    }));
  }

  async function getLowLevelCodes(): Promise<Map<string, number>> {
    const raw = await queryAll(keys.lowLevelCodePartition(tenant));
    return new Map(raw.map((r) => [String(r.item), Number(r.llc)]));
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
      Put: {
        TableName,
        Item: { ...keys.bomHead(tenant, head.parent), type: 'bomHead', ...head },
        ...parts,
      },
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
    const head: TxItem = {
      Put: {
        TableName,
        Item: {
          ...keys.bomVersion(tenant, lines.parent, lines.version),
          type: 'bomVersion',
          parent: lines.parent,
          version: lines.version,
          lineCount: lines.lines.length,
          ...(inline ? { linesText: text } : { linePages: pieces.length }),
        },
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
      ...pieces.map((piece, n): TxItem => ({
        Put: {
          TableName,
          Item: {
            ...keys.bomLinePage(tenant, lines.parent, lines.version, n),
            type: 'bomLinePage',
            parent: lines.parent,
            version: lines.version,
            page: n,
            text: piece,
          },
        },
      })),
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
    return {
      Put: {
        TableName,
        Item: { ...keys.usage(tenant, u.component, u.parent, u.version), type: 'bomUsage', ...u },
      },
    };
  }

  function putStructure(entry: StructureEntry): TxItem {
    return {
      Put: {
        TableName,
        Item: { ...keys.structure(tenant, entry.parent), type: 'bomStructure', ...entry },
      },
    };
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
    return {
      Put: {
        TableName,
        Item: { ...keys.lowLevelCode(tenant, item), type: 'lowLevelCode', item, llc },
      },
    };
  }

  /** The head put back as it was read, unconditionally: the undo of a reversible putHead. */
  function restoreHead(head: BomHead): TxItem {
    return {
      Put: { TableName, Item: { ...keys.bomHead(tenant, head.parent), type: 'bomHead', ...head } },
    };
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
