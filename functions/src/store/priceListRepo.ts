import { AppError, type Page, type PriceListEntry, notFound } from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys, type PriceBook } from './keys.js';
import { getItem, queryPage } from './query.js';
import type { TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;
type EntryKey = { supplier: string; item: string; effectiveFrom: string; minQty: string };

function toEntry(raw: Record<string, unknown>): PriceListEntry {
  return {
    supplier: String(raw.supplier),
    item: String(raw.item),
    unitPrice: String(raw.unitPrice),
    minQty: String(raw.minQty),
    effectiveFrom: String(raw.effectiveFrom),
    ...(raw.effectiveTo ? { effectiveTo: String(raw.effectiveTo) } : {}),
    ...(raw.vatRate ? { vatRate: String(raw.vatRate) } : {}),
    ...(raw.createdAt ? { createdAt: String(raw.createdAt) } : {}),
    ...(raw.createdBy ? { createdBy: String(raw.createdBy) } : {}),
    ...(raw.updatedAt ? { updatedAt: String(raw.updatedAt) } : {}),
    ...(raw.updatedBy ? { updatedBy: String(raw.updatedBy) } : {}),
  };
}

/**
 * Price list entries of a book (suppliers' prices, or subcontractors' processing prices): one
 * per partner, item, effective date and quantity break.
 */
export function priceListRepo(deps: Db, tenant: string, book: PriceBook = 'purchase') {
  const TableName = deps.tableName;
  const partition = { attr: 'pk', value: keys.priceListPartition(tenant, book) };
  const entryKey = (e: EntryKey) => keys.priceListEntry(tenant, e, book);

  /** Adds an entry; the same supplier, item, start date and break again is 409 resource.exists. */
  function put(entry: PriceListEntry): TxItem {
    return {
      Put: {
        TableName,
        Item: { ...entryKey(entry), type: 'priceListEntry', ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      onConditionFailed: () =>
        new AppError(
          'resource.exists',
          `价目表已有此条目：${entry.supplier} ${entry.item} ${entry.effectiveFrom} 起 ≥ ${entry.minQty}`,
          {
            entity: 'priceListEntry',
            supplier: entry.supplier,
            item: entry.item,
            effectiveFrom: entry.effectiveFrom,
            minQty: entry.minQty,
          },
        ),
    };
  }

  /** Every entry of the given suppliers' items (what pricing an order needs). */
  async function entriesFor(pairs: readonly { supplier: string; item: string }[]) {
    const seen = new Set<string>();
    const out: PriceListEntry[] = [];
    for (const p of pairs) {
      const prefix = `${p.supplier}#${p.item}#`;
      if (seen.has(prefix)) continue;
      seen.add(prefix);
      let cursor: string | undefined;
      do {
        const page = await queryPage(
          deps,
          {
            partition,
            build: (e) => ({ sortKey: `begins_with(${e.name('sk')}, ${e.value(prefix)})` }),
          },
          { limit: 200, ...(cursor ? { cursor } : {}) },
          toEntry,
        );
        out.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return out;
  }

  /** Paged in supplier, item, date order; a supplier narrows by key, an item by filter. */
  function list(q: {
    supplier?: string;
    item?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<PriceListEntry>> {
    return queryPage(
      deps,
      {
        partition,
        build: (e) => ({
          ...(q.supplier
            ? {
                sortKey: `begins_with(${e.name('sk')}, ${e.value(`${q.supplier}#${q.item ? `${q.item}#` : ''}`)})`,
              }
            : {}),
          ...(q.item && !q.supplier ? { filter: `${e.name('item')} = ${e.value(q.item)}` } : {}),
        }),
      },
      q,
      toEntry,
    );
  }

  const label = (k: EntryKey) => `${k.supplier} ${k.item} ${k.effectiveFrom} 起 ≥ ${k.minQty}`;

  async function get(k: EntryKey): Promise<PriceListEntry | undefined> {
    const raw = await getItem(deps, entryKey(k), { consistent: true });
    return raw ? toEntry(raw) : undefined;
  }

  /** Writes a changed entry over the one read, only if it still exists unchanged since. */
  function replace(entry: PriceListEntry, before: PriceListEntry): TxItem {
    const stamp = before.updatedAt ?? before.createdAt;
    return {
      Put: {
        TableName,
        Item: { ...entryKey(entry), type: 'priceListEntry', ...entry },
        ConditionExpression: stamp
          ? 'attribute_exists(pk) AND (updatedAt = :stamp OR (attribute_not_exists(updatedAt) AND createdAt = :stamp))'
          : 'attribute_exists(pk)',
        ...(stamp ? { ExpressionAttributeValues: { ':stamp': stamp } } : {}),
      },
      onConditionFailed: () =>
        new AppError('resource.versionConflict', `价目表条目已被修改或删除：${label(entry)}`, {
          entity: 'priceListEntry',
        }),
    };
  }

  function remove(k: EntryKey): TxItem {
    return {
      Delete: {
        TableName,
        Key: entryKey(k),
        ConditionExpression: 'attribute_exists(pk)',
      },
      onConditionFailed: () => notFound('priceListEntry', label(k)),
    };
  }

  return { put, get, replace, remove, entriesFor, list };
}
