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
import { priceListRepo } from '../../store/priceListRepo.js';
import { completing, type CommitHooks } from '../hooks.js';

/**
 * Adds a supplier price (供应商价目表): the supplier must be an active supplier and the item
 * an active item; the same supplier, item, start date and quantity break twice is 409.
 */
export async function createPriceListEntry(
  deps: Deps,
  s: Session,
  input: PriceListEntryCreate,
  hooks: CommitHooks<PriceListEntry> = {},
): Promise<PriceListEntry> {
  const found = await getMasterRecords(deps, s.tenant, {
    partner: [input.supplier],
    item: [input.item],
  });
  const partner = found.partner?.get(input.supplier) as Partner | undefined;
  const item = found.item?.get(input.item) as Item | undefined;
  const issues: FieldIssue[] = [];
  if (!partner)
    issues.push({ path: ['body', 'supplier'], message: `供应商不存在：${input.supplier}` });
  else if (!partner.roles.includes('supplier'))
    issues.push({ path: ['body', 'supplier'], message: `${input.supplier} 不是供应商` });
  else if (!partner.active)
    issues.push({ path: ['body', 'supplier'], message: `供应商 ${input.supplier} 已停用` });
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
    completing(hooks, entry, [priceListRepo(deps, s.tenant).put(entry)]),
  );
  return entry;
}

export function listPriceListEntries(
  deps: Deps,
  s: Session,
  q: PriceListQuery,
): Promise<Page<PriceListEntry>> {
  return priceListRepo(deps, s.tenant).list(q);
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
): Promise<PriceListEntry> {
  const repo = priceListRepo(deps, s.tenant);
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
): Promise<PriceListEntryDeleted> {
  const k = entryKey(params);
  const result: PriceListEntryDeleted = { ...k, deleted: true };
  await deps.unitOfWork.commit(
    completing(hooks, result, [priceListRepo(deps, s.tenant).remove(k)]),
  );
  return result;
}
