import { dinero, toDecimal, toSnapshot, type Dinero } from 'dinero.js';
import { CNY } from 'dinero.js/currencies';
import type { MoneyAlgebra } from '@factory/shared';
import { compareDecimal, multiplyDecimal, roundHalfUpDecimal } from './decimal';
import { formatYuan } from './format';

/**
 * Money in the mini-program: CNY as dinero.js objects over integer fen, never floating point.
 * What a person types (a quantity, a unit price) is parsed from its decimal text into an
 * integer and a scale, so "0.1 × 3" is exactly 0.30.
 */
export type Money = Dinero<number>;
export type MoneySnapshot = { amount: number; scale: number; currency: 'CNY' };

const DECIMAL = /^\s*(\d+)(?:\.(\d+))?\s*$/;

/** "12.50" -> { amount: 1250, scale: 2 }; undefined for anything that is not a plain decimal. */
export function parseDecimal(text: string): { amount: number; scale: number } | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const amount = Number(`${m[1]}${frac}`);
  if (!Number.isSafeInteger(amount)) return undefined;
  return { amount, scale: frac.length };
}

export function yuan(text: string): Money | undefined {
  const d = parseDecimal(text);
  return d ? dinero({ amount: d.amount, currency: CNY, scale: d.scale }) : undefined;
}

export function fen(amount: number): Money {
  return dinero({ amount, currency: CNY, scale: 2 });
}

export function fromSnapshot(s: { amount: number; scale: number }): Money {
  return dinero({ amount: s.amount, currency: CNY, scale: s.scale });
}

export function toMoneySnapshot(m: Money): MoneySnapshot {
  const s = toSnapshot(m);
  return { amount: s.amount, scale: s.scale, currency: 'CNY' };
}

/** Unit prices are yuan with at most six decimals (the API's rule for sales and purchases). */
export const PRICE_MAX_DECIMALS = 6;

/**
 * The API's ranges (docs/architecture.md, "Ranges"), checked as the rep types so a line that
 * the API would refuse shows why under its field, and the total never shows a wrong number:
 * quantities at most 12 integer digits and 6 decimals; unit prices at most six decimals (below
 * ¥1,000,000,000 when more than two); a line's amount and the order's total at most
 * ¥99,999,999,999.99.
 */
const QTY_IN_RANGE = /^(0|[1-9]\d{0,11})(\.\d{1,6})?$/;
const PRICE_IN_RANGE = /^(?:(0|[1-9]\d{0,10})(\.\d{1,2})?|(0|[1-9]\d{0,8})\.\d{3,6})$/;
const PLAIN_DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;
export const MAX_AMOUNT_FEN = 9_999_999_999_999;
const MAX = '¥99,999,999,999.99';
export const QTY_RANGE_MESSAGE = '超出范围：最多 12 位整数、6 位小数';
export const PRICE_RANGE_MESSAGE = `单价最多六位小数（超过两位小数时小于 ¥1,000,000,000），最大 ${MAX}`;
export const AMOUNT_RANGE_MESSAGE = `金额（数量 × 单价）超出上限 ${MAX}`;
export const TOTAL_RANGE_MESSAGE = `订单合计金额超出上限 ${MAX}`;

export type LineCheck = {
  /** qty × unit price, half up to the fen; absent while it cannot be computed. */
  amount?: Money;
  /** What is wrong with the quantity or the price as typed (the API's words). */
  errors: { qty?: string; unitPrice?: string };
};

/**
 * One line as typed. Text that is not a number yet (empty, "1.") gets no error here (the API
 * names it on submit); a number outside the range does, and so does an amount past the largest.
 * The product is computed on digit strings, so no size of input can lose precision.
 */
export function checkLine(qtyText: string, priceText: string): LineCheck {
  const q = qtyText.trim();
  const p = priceText.trim();
  const errors: LineCheck['errors'] = {};
  const qtyOk = QTY_IN_RANGE.test(q);
  const priceOk = PRICE_IN_RANGE.test(p);
  if (!qtyOk && PLAIN_DECIMAL.test(q)) errors.qty = QTY_RANGE_MESSAGE;
  if (!priceOk && PLAIN_DECIMAL.test(p)) errors.unitPrice = PRICE_RANGE_MESSAGE;
  if (!qtyOk || !priceOk) return { errors };
  const fenText = toFenHalfUp(multiplyDecimal(q, p));
  if (compareDecimal(fenText, String(MAX_AMOUNT_FEN)) > 0) {
    return { errors: { qty: AMOUNT_RANGE_MESSAGE } };
  }
  return { amount: fen(Number(fenText)), errors };
}

/** An amount in yuan ("12.345") as whole fen, half up ("1235"): the digit-string algebra's. */
function toFenHalfUp(yuanText: string): string {
  return multiplyDecimal(roundHalfUpDecimal(yuanText, 2), '100');
}

/**
 * A line's amount: quantity × unit price, rounded half up to the fen (as the API computes
 * it). Undefined while either is not a valid number, or the line is outside the range.
 */
export function lineAmount(qtyText: string, priceText: string): Money | undefined {
  return checkLine(qtyText, priceText).amount;
}

/**
 * The order total: the sum of the line amounts that can be computed. No total (and the
 * API's message) when it passes the largest amount; no total either while a line is outside
 * the range (that line says why).
 */
export function orderTotal(lines: { qty: string; unitPrice: string }[]): {
  total?: Money;
  error?: string;
} {
  const amounts: number[] = [];
  for (const l of lines) {
    const line = checkLine(l.qty, l.unitPrice);
    if (line.errors.qty || line.errors.unitPrice) return {};
    if (line.amount) amounts.push(toSnapshot(line.amount).amount);
  }
  const sum = totalFen(amounts);
  return sum === undefined ? { error: TOTAL_RANGE_MESSAGE } : { total: fen(sum) };
}

/**
 * Amounts in fen summed; undefined past the largest amount. Each amount is below 10^13 fen
 * and an order has at most 200 lines: the sum is exact in a number.
 */
function totalFen(amounts: readonly number[]): number | undefined {
  let sum = 0;
  for (const a of amounts) sum += a;
  return sum > MAX_AMOUNT_FEN ? undefined : sum;
}

/**
 * "¥1,234.56": exact, from dinero's decimal text (lib/format.ts: no Intl, which the mini-program
 * runtime may lack, and no floating point). Amounts show at least two decimals.
 */
export function formatMoney(m: Money): string {
  return formatYuan(toDecimal(m));
}

export function formatSnapshot(s: { amount: number; scale: number } | undefined): string {
  return s ? formatMoney(fromSnapshot(s)) : '—';
}

/**
 * The money algebra (shared/src/algebra.ts) as the phone computes it: digit strings for a
 * line's product, integer fen for sums, its own formatting. The server's is
 * shared/src/money.ts; the phone keeps this copy because it may carry neither decimal.js nor
 * zod (nor Intl, which some WeCom runtimes lack). Both pass the shared `moneyLaws`
 * (money.test.ts), so they agree on every amount, total and text.
 */
export const moneyAlgebra: MoneyAlgebra = {
  name: 'digit strings + dinero.js (miniapp/src/lib/money.ts)',
  lineAmount(qtyText, priceText) {
    const amount = checkLine(qtyText, priceText).amount;
    return amount ? toSnapshot(amount).amount : undefined;
  },
  total: totalFen,
  format: (amount) => formatMoney(fen(amount)),
};
