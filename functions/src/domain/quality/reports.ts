import { type DefectLine, type QuantityString, qty, sumQty, toQtyString } from '@factory/shared';

/**
 * One posted result as the reports see it. `accepted` is the result's accepted quantity,
 * `rejected` its rejected quantity (conceded quantity included), `conceded` the part of the
 * rejected quantity accepted by an approved concession. Reversed results and reversing results
 * are passed with `reversed` and count nowhere.
 */
export type PassRateFact = {
  item: string;
  /** Supplier or subcontractor; none for production receipts. */
  partner?: string;
  /** The business date of the result (YYYY-MM-DD, the tenant's time zone). */
  date: string;
  accepted: QuantityString;
  rejected: QuantityString;
  conceded?: QuantityString;
  defects: readonly DefectLine[];
  reversed?: boolean;
};

export type PassRateRow = {
  /** Supplier code, item code or month (YYYY-MM). */
  key: string;
  inspected: QuantityString;
  accepted: QuantityString;
  rejected: QuantityString;
  conceded: QuantityString;
  /** accepted ÷ inspected to 4 decimals, half up; null when nothing was inspected. */
  passRate: string | null;
};

export type ParetoRow = {
  code: string;
  qty: QuantityString;
  /** qty ÷ all defects, and the running total ÷ all defects, each to 4 decimals, half up. */
  share: string;
  cumulative: string;
};

const ratio = (a: QuantityString, b: QuantityString): string =>
  toQtyString(qty(a).div(b).toDecimalPlaces(4));

const keyOf = (f: PassRateFact, by: 'supplier' | 'item' | 'month'): string | undefined =>
  by === 'supplier' ? f.partner : by === 'item' ? f.item : f.date.slice(0, 7);

/**
 * Pass rate per supplier, item or month (DOMAIN.md "Quality": accepted ÷ inspected; conceded
 * counts as rejected in the rate and is shown apart). Inspected = accepted + rejected. Results
 * without a partner (production receipts) are left out of the per-supplier rows. Rows in key
 * order (plain string order).
 */
export function passRates(
  facts: readonly PassRateFact[],
  by: 'supplier' | 'item' | 'month',
): PassRateRow[] {
  const groups = new Map<string, PassRateFact[]>();
  for (const f of facts) {
    if (f.reversed) continue;
    const key = keyOf(f, by);
    if (key === undefined) continue;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  return [...groups.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => {
      const list = groups.get(key)!;
      const accepted = sumQty(list.map((f) => f.accepted));
      const rejected = sumQty(list.map((f) => f.rejected));
      const inspected = sumQty([accepted, rejected]);
      return {
        key,
        inspected,
        accepted,
        rejected,
        conceded: sumQty(list.map((f) => f.conceded ?? '0')),
        passRate: qty(inspected).isZero() ? null : ratio(accepted, inspected),
      };
    });
}

/** Defects by code, largest quantity first (ties by code), with shares for a Pareto chart. */
export function paretoDefects(facts: readonly PassRateFact[]): ParetoRow[] {
  const byCode = new Map<string, QuantityString>();
  for (const f of facts) {
    if (f.reversed) continue;
    for (const d of f.defects) byCode.set(d.code, sumQty([byCode.get(d.code) ?? '0', d.qty]));
  }
  const total = sumQty(byCode.values());
  const rows = [...byCode.entries()].sort(
    ([ca, a], [cb, b]) => qty(b).comparedTo(a) || (ca < cb ? -1 : ca > cb ? 1 : 0),
  );
  let running = '0';
  return rows.map(([code, q]) => {
    running = sumQty([running, q]);
    return { code, qty: q, share: ratio(q, total), cumulative: ratio(running, total) };
  });
}
