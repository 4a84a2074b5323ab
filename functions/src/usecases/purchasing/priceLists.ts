import {
  type Item,
  type Page,
  type Partner,
  type PriceListEntry,
  type PriceListEntryCreate,
  type PriceListEntryParams,
  type PriceListEntryUpdate,
  type PriceListQuery,
  type Session,
  type FieldIssue,
  invalidRequest,
  notFound,
  qty,
  toQtyString,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import type { PriceBook } from '../../store/keys.js';
import { priceListRepo } from '../../store/priceListRepo.js';
import { completing, type CommitHooks } from '../hooks.js';

/** Who prices in a book: suppliers (purchase) or subcontractors (委外价格政策). */
const PARTNER: Record<PriceBook, { role: 'supplier' | 'subcontractor'; label: string }> = {
  purchase: { role: 'supplier', label: '供应商' },
  outsourcing: { role: 'subcontractor', label: '外协厂' },
};

/**
 * Adds a price to a book (供应商价目表, or 委外价格政策 per subcontractor and item): the
 * partner must be an active supplier (subcontractor) and the item an active item; the same
 * partner, item, start date and quantity break twice is 409.
 */
export async function createPriceListEntry(
  deps: Deps,
  s: Session,
  input: PriceListEntryCreate,
  hooks: CommitHooks<PriceListEntry> = {},
  book: PriceBook = 'purchase',
): Promise<PriceListEntry> {
  const { role, label } = PARTNER[book];
  const found = await getMasterRecords(deps, s.tenant, {
    partner: [input.supplier],
    item: [input.item],
  });
  const partner = found.partner?.get(input.supplier) as Partner | undefined;
  const item = found.item?.get(input.item) as Item | undefined;
  const issues: FieldIssue[] = [];
  if (!partner)
    issues.push({ path: ['body', 'supplier'], message: `${label}不存在：${input.supplier}` });
  else if (!partner.roles.includes(role))
    issues.push({ path: ['body', 'supplier'], message: `${input.supplier} 不是${label}` });
  else if (!partner.active)
    issues.push({ path: ['body', 'supplier'], message: `${label} ${input.supplier} 已停用` });
  if (!item) issues.push({ path: ['body', 'item'], message: `物料不存在：${input.item}` });
  else if (!item.active)
    issues.push({ path: ['body', 'item'], message: `物料 ${input.item} 已停用` });
  if (issues.length) throw invalidRequest(issues);
  const entry: PriceListEntry = {
    supplier: input.supplier,
    item: input.item,
    unitPrice: qty(input.unitPrice).toString(),
    minQty: toQtyString(qty(input.minQty)),
    effectiveFrom: input.effectiveFrom,
    ...(input.effectiveTo ? { effectiveTo: input.effectiveTo } : {}),
    ...(input.vatRate ? { vatRate: qty(input.vatRate).toString() } : {}),
    createdAt: deps.clock.now().toISOString(),
    createdBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, entry, [priceListRepo(deps, s.tenant, book).put(entry)]),
  );
  return entry;
}

export function listPriceListEntries(
  deps: Deps,
  s: Session,
  q: PriceListQuery,
  book: PriceBook = 'purchase',
): Promise<Page<PriceListEntry>> {
  return priceListRepo(deps, s.tenant, book).list(q);
}

function entryKey(p: PriceListEntryParams) {
  return { ...p, minQty: toQtyString(qty(p.minQty)) };
}

/**
 * Changes an entry's unit price, end date or VAT rate (null clears the end date or the rate).
 * The end date may not fall before the start. Orders already priced keep their prices.
 */
export async function updatePriceListEntry(
  deps: Deps,
  s: Session,
  params: PriceListEntryParams,
  input: PriceListEntryUpdate,
  hooks: CommitHooks<PriceListEntry> = {},
  book: PriceBook = 'purchase',
): Promise<PriceListEntry> {
  const repo = priceListRepo(deps, s.tenant, book);
  const k = entryKey(params);
  const before = await repo.get(k);
  if (!before)
    throw notFound('priceListEntry', `${k.supplier} ${k.item} ${k.effectiveFrom} ${k.minQty}`);
  const { effectiveTo: _to, vatRate: _rate, ...rest } = before;
  const effectiveTo = input.effectiveTo === undefined ? before.effectiveTo : input.effectiveTo;
  const vatRate =
    input.vatRate === undefined
      ? before.vatRate
      : input.vatRate === null
        ? undefined
        : qty(input.vatRate).toString();
  if (effectiveTo && effectiveTo < before.effectiveFrom) {
    throw invalidRequest([
      {
        path: ['body', 'effectiveTo'],
        message: `失效日期不能早于生效日期 ${before.effectiveFrom}`,
      },
    ]);
  }
  const entry: PriceListEntry = {
    ...rest,
    ...(input.unitPrice !== undefined ? { unitPrice: qty(input.unitPrice).toString() } : {}),
    ...(effectiveTo ? { effectiveTo } : {}),
    ...(vatRate ? { vatRate } : {}),
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(completing(hooks, entry, [repo.replace(entry, before)]));
  return entry;
}

export type PriceListEntryDeleted = PriceListEntryParams & { deleted: true };

/** Deletes an entry (404 when there is none). Orders already priced keep their prices. */
export async function deletePriceListEntry(
  deps: Deps,
  s: Session,
  params: PriceListEntryParams,
  hooks: CommitHooks<PriceListEntryDeleted> = {},
  book: PriceBook = 'purchase',
): Promise<PriceListEntryDeleted> {
  const k = entryKey(params);
  const result: PriceListEntryDeleted = { ...k, deleted: true };
  await deps.unitOfWork.commit(
    completing(hooks, result, [priceListRepo(deps, s.tenant, book).remove(k)]),
  );
  return result;
}
