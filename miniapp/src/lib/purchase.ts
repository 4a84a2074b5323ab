import { compareDecimal, multiplyDecimal, roundHalfUpDecimal } from './decimal';
import { MAX_AMOUNT_FEN } from './money';

/**
 * Purchase order lines on the phone, computed as the API computes them (docs/architecture.md,
 * "Purchase orders and price lists"): unit prices exclude VAT and carry up to 6 decimals;
 * per line, amount = qty × price half up to the fen, tax = amount × VAT rate half up to the
 * fen, amount incl. VAT = their sum; the order's totals are sums of the lines. Digit strings
 * and integer fen, never floating point.
 */
const QTY_IN_RANGE = /^(0|[1-9]\d{0,11})(\.\d{1,6})?$/;
export const PURCHASE_PRICE_IN_RANGE =
  /^(?:(0|[1-9]\d{0,10})(\.\d{1,2})?|(0|[1-9]\d{0,8})\.\d{3,6})$/;
const PERCENT_IN_RANGE = /^(0|[1-9]\d?)(\.\d{1,2})?$/;
const PLAIN_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

export const PURCHASE_PRICE_MESSAGE = '单价最多六位小数';
export const VAT_PERCENT_MESSAGE = '税率应为 0 到 99.99 之间的百分数，如 13';

/** The default VAT rate on purchases, in percent. */
export const DEFAULT_VAT_PERCENT = '13';

export type PurchaseLineAmounts = { amount: number; tax: number; withTax: number };

export type PurchaseLineCheck = {
  amounts?: PurchaseLineAmounts;
  errors: { qty?: string; unitPrice?: string; vatRate?: string };
};

/** "13" -> "0.13"; "6.5" -> "0.065" (what the API takes). */
export function percentToRate(percent: string): string {
  return multiplyDecimal(percent.trim(), '0.01');
}

/** "0.13" -> "13" (what the page shows). */
export function rateToPercent(rate: string): string {
  return multiplyDecimal(rate, '100');
}

const fenOf = (yuanText: string) => Number(multiplyDecimal(roundHalfUpDecimal(yuanText, 2), '100'));

/**
 * One line as typed: its amounts when qty, price and rate are valid numbers in range; an error
 * under a field whose number is out of range (empty or half-typed text gets none: the API
 * names it on submit).
 */
export function checkPurchaseLine(
  qtyText: string,
  priceText: string,
  vatPercent: string,
): PurchaseLineCheck {
  const q = qtyText.trim();
  const p = priceText.trim();
  const v = vatPercent.trim();
  const errors: PurchaseLineCheck['errors'] = {};
  const qtyOk = QTY_IN_RANGE.test(q);
  const priceOk = PURCHASE_PRICE_IN_RANGE.test(p);
  const rateOk = PERCENT_IN_RANGE.test(v);
  if (!qtyOk && PLAIN_DECIMAL.test(q)) errors.qty = '超出范围：最多 12 位整数、6 位小数';
  if (!priceOk && PLAIN_DECIMAL.test(p)) errors.unitPrice = PURCHASE_PRICE_MESSAGE;
  if (!rateOk && v !== '') errors.vatRate = VAT_PERCENT_MESSAGE;
  if (!qtyOk || !priceOk || !rateOk) return { errors };
  const amountText = roundHalfUpDecimal(multiplyDecimal(q, p), 2);
  if (compareDecimal(multiplyDecimal(amountText, '100'), String(MAX_AMOUNT_FEN)) > 0) {
    return { errors: { qty: '金额超出上限' } };
  }
  const amount = fenOf(amountText);
  const tax = fenOf(multiplyDecimal(amountText, percentToRate(v)));
  return { amounts: { amount, tax, withTax: amount + tax }, errors };
}

/** Sums of the lines that can be computed (fen). */
export function purchaseTotals(lines: readonly (PurchaseLineAmounts | undefined)[]) {
  const t = { amount: 0, tax: 0, withTax: 0 };
  for (const l of lines) {
    if (!l) continue;
    t.amount += l.amount;
    t.tax += l.tax;
    t.withTax += l.withTax;
  }
  return t;
}

export type PriceEntry = {
  unitPrice: string;
  minQty: string;
  effectiveFrom: string;
  effectiveTo?: string;
  vatRate?: string;
};

/**
 * The supplier's price for a quantity on a date, as the API picks it: entries effective on
 * the date (both ends inclusive), the highest quantity break at or below the quantity; where
 * windows overlap, the entry that took effect last.
 */
export function listPrice(
  entries: readonly PriceEntry[],
  qty: string,
  date: string,
): PriceEntry | undefined {
  const q = QTY_IN_RANGE.test(qty.trim()) ? qty.trim() : '0';
  let best: PriceEntry | undefined;
  for (const e of entries) {
    if (e.effectiveFrom > date || (e.effectiveTo !== undefined && e.effectiveTo < date)) continue;
    if (compareDecimal(e.minQty, q) > 0) continue;
    if (
      !best ||
      compareDecimal(e.minQty, best.minQty) > 0 ||
      (compareDecimal(e.minQty, best.minQty) === 0 && e.effectiveFrom > best.effectiveFrom)
    )
      best = e;
  }
  return best;
}

/** Purchase order statuses as people read them, and their tag tone. */
const PO_STATUS: Record<string, [label: string, tone: string]> = {
  draft: ['草稿', 'draft'],
  pending: ['审批中', 'pending'],
  open: ['已审核', 'confirmed'],
  rejected: ['已驳回', 'rejected'],
  closed: ['已关闭', 'cancelled'],
  cancelled: ['已取消', 'cancelled'],
};

export function poStatusLabel(status: string): string {
  return PO_STATUS[status]?.[0] ?? status;
}

export function poStatusTone(status: string): string {
  return PO_STATUS[status]?.[1] ?? 'draft';
}
