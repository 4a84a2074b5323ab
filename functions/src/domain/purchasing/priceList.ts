import { cmpQty, qty } from '@factory/shared';

/**
 * A supplier's price for an item (供应商价目表): valid from `effectiveFrom` through
 * `effectiveTo` (both inclusive; open-ended when absent), for order quantities of at least
 * `minQty` (a quantity break; "0" for the base price). The price excludes VAT.
 */
export type PriceEntry = {
  supplier: string;
  item: string;
  unitPrice: string;
  minQty: string;
  effectiveFrom: string;
  effectiveTo?: string;
  vatRate?: string;
};

/**
 * The price of `qty` of an item from a supplier on a date: among the entries effective on that
 * date, the highest quantity break not above the quantity; where effective windows overlap, the
 * entry that took effect latest wins. Undefined when no entry applies.
 */
export function lookupPrice(
  entries: readonly PriceEntry[],
  q: { supplier: string; item: string; qty: string; date: string },
): PriceEntry | undefined {
  let best: PriceEntry | undefined;
  for (const e of entries) {
    if (e.supplier !== q.supplier || e.item !== q.item) continue;
    if (e.effectiveFrom > q.date) continue;
    if (e.effectiveTo !== undefined && e.effectiveTo < q.date) continue;
    if (cmpQty(e.minQty, q.qty) > 0) continue;
    if (
      !best ||
      cmpQty(e.minQty, best.minQty) > 0 ||
      (cmpQty(e.minQty, best.minQty) === 0 && e.effectiveFrom > best.effectiveFrom)
    ) {
      best = e;
    }
  }
  return best && { ...best, unitPrice: qty(best.unitPrice).toString() };
}
