import {
  add,
  dinero,
  halfUp,
  multiply,
  toDecimal,
  toSnapshot,
  transformScale,
  type Dinero,
} from 'dinero.js';
import { CNY } from 'dinero.js/currencies';

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

/** Unit prices are yuan with at most two decimals (the API's rule). */
export const PRICE_MAX_DECIMALS = 2;

/**
 * A line's amount: quantity × unit price, rounded half up to the fen (as the API computes
 * it). Undefined while either is not a valid number (or the product is too large to be exact).
 */
export function lineAmount(qtyText: string, priceText: string): Money | undefined {
  const q = parseDecimal(qtyText);
  const p = parseDecimal(priceText);
  if (!q || !p || p.scale > PRICE_MAX_DECIMALS) return undefined;
  const price = dinero({ amount: p.amount, currency: CNY, scale: p.scale });
  const product = multiply(price, { amount: q.amount, scale: q.scale });
  const { amount } = toSnapshot(product);
  if (!Number.isSafeInteger(amount)) return undefined;
  return transformScale(product, 2, halfUp);
}

/** The order total: the sum of the line amounts that can be computed. */
export function orderTotal(lines: { qty: string; unitPrice: string }[]): Money {
  return lines.reduce<Money>((sum, l) => {
    const a = lineAmount(l.qty, l.unitPrice);
    return a ? add(sum, a) : sum;
  }, fen(0));
}

/**
 * "¥1,234.56": exact, from dinero's decimal text (no Intl, which the mini-program runtime may
 * lack, and no floating point). Amounts show at least two decimals.
 */
export function formatMoney(m: Money): string {
  const s = toSnapshot(m);
  const scaled = s.scale < 2 ? transformScale(m, 2) : m;
  const text = toDecimal(scaled);
  const negative = text.startsWith('-');
  const [whole = '0', frac] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}${frac ? `.${frac}` : ''}`;
}

export function formatSnapshot(s: { amount: number; scale: number } | undefined): string {
  return s ? formatMoney(fromSnapshot(s)) : '—';
}
