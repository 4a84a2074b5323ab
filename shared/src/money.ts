import DecimalDefault, { type Decimal as DecimalClass } from 'decimal.js-light';
import { dinero, toSnapshot, add, allocate, type Dinero } from 'dinero.js';
import { CNY } from 'dinero.js/currencies';
import { MAX_AMOUNT_FEN, type MoneyAlgebra } from './algebra.js';
import { qty, type Qty, toQtyString } from './quantity.js';

export { MAX_AMOUNT_FEN };

// decimal.js-light is CommonJS for Node (module.exports = Decimal) and an ES module for
// bundlers; its default export is the constructor in both. TypeScript (NodeNext) types a
// CommonJS default as the module object, hence the cast.
const Decimal = DecimalDefault as unknown as typeof DecimalClass;

/**
 * Money is CNY in integer minor units (fen) via dinero.js; never floating point.
 * Stored and sent as { amount, scale, currency } snapshots.
 */
export type MoneySnapshot = { amount: number; scale: number; currency: 'CNY' };

/** An amount in integer fen as a money snapshot. */
export function fenMoney(amount: number): MoneySnapshot {
  return { amount, scale: 2, currency: 'CNY' };
}

/**
 * The largest amount the product takes in or computes: a unit price, a line's qty × price, an
 * order's total, a unit cost, a receipt line's value: ¥99,999,999,999.99 (below 10^13 fen).
 * Sums of up to 900 such amounts stay exact in integer fen (below 2^53), and the amount of
 * every line is checked at the door, so pricing never meets a number it cannot hold
 * (docs/architecture.md, "Ranges").
 */
export const MAX_AMOUNT_YUAN = '99999999999.99';
/** "¥99,999,999,999.99", for messages. */
export const MAX_AMOUNT_TEXT = '¥99,999,999,999.99';

/** qty × a price in yuan, rounded half up to the fen, in yuan (exact, any size). */
export function amountYuan(quantity: string | Qty, price: string | Qty): Qty {
  return qty(quantity).times(price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * A sales line's amount in fen: qty × unit price (yuan) half up to the fen. The one line
 * amount of the product: the contract checks it against the range, the order stores it.
 * Throws a RangeError past 2^53 fen (never reached: the contract refuses past the range).
 */
export function lineAmountFen(quantity: string | Qty, price: string | Qty): number {
  const fen = Number(toQtyString(amountYuan(quantity, price).times(100)));
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount too large: ${quantity} × ${price}`);
  return fen;
}

/**
 * A unit price or cost in yuan as money, exact: "4.5" -> 450 at scale 2, "0.012345" ->
 * 12345 at scale 6 (at least the fen's scale; unit costs keep their decimals).
 */
export function unitPriceMoney(price: string): MoneySnapshot {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(price);
  if (!m) throw new RangeError(`not a unit price: ${price}`);
  const decimals = m[2] ?? '';
  const scale = Math.max(2, decimals.length);
  const amount = Number(`${m[1]}${decimals.padEnd(scale, '0')}`);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`unit price too large: ${price}`);
  return { amount, scale, currency: 'CNY' };
}

/** Whether an amount in yuan is within the range above (and not negative). */
export function isAmountInRange(yuan: Qty): boolean {
  return yuan.greaterThanOrEqualTo(0) && yuan.lessThanOrEqualTo(MAX_AMOUNT_YUAN);
}

export function cny(amount: number, scale = 2): Dinero<number> {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`money amount must be an integer, got ${amount}`);
  return dinero({ amount, currency: CNY, scale });
}

export function fromSnapshot(s: MoneySnapshot): Dinero<number> {
  return cny(s.amount, s.scale);
}

export function snapshot(m: Dinero<number>): MoneySnapshot {
  const s = toSnapshot(m);
  return { amount: s.amount, scale: s.scale, currency: 'CNY' };
}

export function sumMoney(values: Dinero<number>[]): Dinero<number> {
  return values.reduce((a, b) => add(a, b), cny(0));
}

/** Split an amount by ratios without losing a fen; the parts always sum to the whole. */
export function allocateMoney(m: Dinero<number>, ratios: number[]): Dinero<number>[] {
  return allocate(m, ratios);
}

const formatters = new Map<number, Intl.NumberFormat>();
function formatterFor(scale: number): Intl.NumberFormat {
  // Amounts show fen; unit costs keep every decimal they carry (DOMAIN.md: "Money").
  const digits = Math.max(2, scale);
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('zh-CN', {
      style: 'currency',
      currency: 'CNY',
      minimumFractionDigits: 2,
      maximumFractionDigits: digits,
    });
    formatters.set(digits, f);
  }
  return f;
}

/** Decimal text of a snapshot ("1234.56"), built from integers so nothing is rounded. */
export function moneyToDecimalString(s: MoneySnapshot): string {
  const digits = Math.abs(s.amount)
    .toString()
    .padStart(s.scale + 1, '0');
  const whole = digits.slice(0, digits.length - s.scale);
  const frac = digits.slice(digits.length - s.scale);
  return `${s.amount < 0 ? '-' : ''}${whole}${s.scale > 0 ? `.${frac}` : ''}`;
}

/** "¥1,234.56" for display (more decimals for unit costs). Intl formats the decimal string exactly. */
export function formatMoney(s: MoneySnapshot): string {
  return formatterFor(s.scale).format(moneyToDecimalString(s) as unknown as number);
}

/**
 * The money algebra (algebra.ts) of the server: decimal.js for a line's product, dinero.js
 * over integer fen for sums, Intl for display. The mini-program keeps its own implementation
 * (miniapp/src/lib/money.ts: it may carry neither decimal.js nor zod); both pass `moneyLaws`.
 */
export const moneyAlgebra: MoneyAlgebra = {
  name: 'decimal.js + dinero.js (shared/src/money.ts)',
  lineAmount(quantity, price) {
    const yuan = amountYuan(quantity, price);
    return isAmountInRange(yuan) ? lineAmountFen(quantity, price) : undefined;
  },
  total(amounts) {
    const sum = snapshot(sumMoney(amounts.map((a) => cny(a)))).amount;
    return sum > MAX_AMOUNT_FEN ? undefined : sum;
  },
  format: (fen) => formatMoney(fenMoney(fen)),
};
