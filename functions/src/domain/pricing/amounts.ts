import {
  type MoneySnapshot,
  amountYuan,
  isAmountInRange,
  lineAmountFen,
  qty,
  toQtyString,
  fenMoney,
} from '@factory/shared';

/**
 * VAT (增值税) on a line when nothing says otherwise: 13%, on purchases (neither the line nor
 * the price list names a rate) and on sales (the line names none).
 */
export const DEFAULT_VAT_RATE = '0.13';

export type LineAmounts = {
  /** qty × unit price (the price excludes VAT), half up to the fen. */
  amount: MoneySnapshot;
  /** amount × VAT rate, half up to the fen. */
  tax: MoneySnapshot;
  /** amount + tax: exact, no rounding of its own. */
  amountWithTax: MoneySnapshot;
};

/**
 * A purchase or sales line's amounts, exact to the fen (DOMAIN.md "Money": integer fen, never floats).
 * Rounding happens per line, half up, twice and only there: the amount excluding VAT is
 * qty × unit price (up to 6 decimals) rounded to the fen, and the tax is that rounded amount ×
 * the rate rounded to the fen; the amount including VAT is their sum. Order totals are sums of
 * these rounded line amounts, so lines always add up to the total to the cent (what the
 * VAT invoice shows, line by line). Undefined when an amount is beyond the range
 * the product holds (money.ts), which callers report at the line's quantity.
 */
export function lineAmounts(
  quantity: string,
  unitPrice: string,
  vatRate: string,
): LineAmounts | undefined {
  const excl = amountYuan(quantity, unitPrice);
  const tax = amountYuan(excl, vatRate);
  if (!isAmountInRange(excl) || !isAmountInRange(excl.plus(tax))) return undefined;
  const exclFen = lineAmountFen(quantity, unitPrice);
  const taxFen = Number(toQtyString(tax.times(100)));
  return {
    amount: fenMoney(exclFen),
    tax: fenMoney(taxFen),
    amountWithTax: fenMoney(exclFen + taxFen),
  };
}

export type OrderTotals = { total: MoneySnapshot; tax: MoneySnapshot; totalWithTax: MoneySnapshot };

/** Sums of the lines' rounded amounts, in integer fen: the lines add up to the cent. */
export function orderTotals(lines: readonly LineAmounts[]): OrderTotals {
  const sum = (pick: (l: LineAmounts) => MoneySnapshot) =>
    fenMoney(lines.reduce((a, l) => a + pick(l).amount, 0));
  return {
    total: sum((l) => l.amount),
    tax: sum((l) => l.tax),
    totalWithTax: sum((l) => l.amountWithTax),
  };
}

/** Whether an order total (in fen) is one the product holds. */
export function totalInRange(t: OrderTotals): boolean {
  return isAmountInRange(qty(t.totalWithTax.amount).div(100));
}
