import { toSnapshot } from 'dinero.js';
import { compareDecimal, multiplyDecimal, roundHalfUpDecimal } from './decimal';
import {
  AMOUNT_RANGE_MESSAGE,
  checkLine,
  fen,
  MAX_AMOUNT_FEN,
  type Money,
  TOTAL_RANGE_MESSAGE,
} from './money';

/**
 * VAT (增值税) on a line as the phone shows it while the rep types, computed as the API does
 * (functions/src/domain/pricing/amounts.ts): the amount excluding VAT is qty × unit price half
 * up to the fen; the VAT is that amount × the rate half up to the fen; the amount including VAT
 * is their sum; totals are sums of the lines. People type the rate in percent ("13"); the API
 * takes a fraction ("0.13", at most four places, so at most two in percent).
 */
export const DEFAULT_VAT_PERCENT = '13';
const PERCENT = /^(0|[1-9]\d?)(\.\d{1,2})?$/;
export const VAT_RANGE_MESSAGE = '税率应为 0 到 100 以下、最多两位小数的百分数，如 13';

/** "13" -> "0.13", "9.5" -> "0.095", "0" -> "0"; undefined for what is not a rate. */
export function percentToRate(percent: string): string | undefined {
  const p = percent.trim();
  if (!PERCENT.test(p)) return undefined;
  return multiplyDecimal(p, '0.01');
}

/** "0.13" -> "13", "0.095" -> "9.5" (what the rate field shows for a stored line). */
export function rateToPercent(rate: string): string {
  return multiplyDecimal(rate, '100');
}

export type VatLine = {
  amount?: Money;
  tax?: Money;
  amountWithTax?: Money;
  errors: { qty?: string; unitPrice?: string; vatRate?: string };
};

const fenOf = (m: Money) => toSnapshot(m).amount;

/** One line as typed, with its VAT; errors under the field as the API would name them. */
export function checkVatLine(qtyText: string, priceText: string, percentText: string): VatLine {
  const base = checkLine(qtyText, priceText);
  const rate = percentToRate(percentText);
  const errors: VatLine['errors'] = { ...base.errors };
  if (rate === undefined && percentText.trim() !== '') errors.vatRate = VAT_RANGE_MESSAGE;
  if (!base.amount || rate === undefined)
    return { ...(base.amount ? { amount: base.amount } : {}), errors };
  const exclFen = fenOf(base.amount);
  const yuanText = multiplyDecimal(String(exclFen), '0.01');
  const taxFen = Number(
    multiplyDecimal(roundHalfUpDecimal(multiplyDecimal(yuanText, rate), 2), '100'),
  );
  const withTax = exclFen + taxFen;
  if (compareDecimal(String(withTax), String(MAX_AMOUNT_FEN)) > 0) {
    return { errors: { ...errors, qty: AMOUNT_RANGE_MESSAGE } };
  }
  return { amount: base.amount, tax: fen(taxFen), amountWithTax: fen(withTax), errors };
}

export type VatTotals = { total?: Money; tax?: Money; totalWithTax?: Money; error?: string };

/**
 * The order's totals: sums of the lines' rounded amounts. None while a line is outside the
 * range (that line says why) or its rate is not one; the API's message past the largest amount.
 */
export function orderVatTotals(
  lines: readonly { qty: string; unitPrice: string; vatRate: string }[],
): VatTotals {
  let total = 0;
  let tax = 0;
  for (const l of lines) {
    const line = checkVatLine(l.qty, l.unitPrice, l.vatRate);
    if (line.errors.qty || line.errors.unitPrice || line.errors.vatRate) return {};
    if (line.amount && line.tax) {
      total += fenOf(line.amount);
      tax += fenOf(line.tax);
    }
  }
  // Each line is below 10^13 fen and an order has at most 200 lines: exact in a number.
  if (total + tax > MAX_AMOUNT_FEN) return { error: TOTAL_RANGE_MESSAGE };
  return { total: fen(total), tax: fen(tax), totalWithTax: fen(total + tax) };
}
