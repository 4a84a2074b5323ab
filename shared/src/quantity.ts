import DecimalDefault, { type Decimal as DecimalClass } from 'decimal.js-light';
import { type DecimalAlgebra, QTY_MAX_DECIMALS, QTY_MAX_INTEGER_DIGITS } from './algebra.js';

export { QTY_MAX_DECIMALS, QTY_MAX_INTEGER_DIGITS };

// decimal.js-light is CommonJS for Node (module.exports = Decimal) and an ES module for
// bundlers; its default export is the constructor in both. TypeScript (NodeNext) types a
// CommonJS default as the module object, hence the cast.
const Decimal = DecimalDefault as unknown as typeof DecimalClass;

/**
 * Exact decimal quantities. Quantities travel as decimal strings ("12.5") in every
 * contract and are stored as DynamoDB numbers; arithmetic goes through decimal.js-light so
 * 0.1 + 0.2 is exactly 0.3 in every ledger, plan and report.
 */
export type QuantityString = string;

// A dedicated constructor so global Decimal settings elsewhere cannot change our rounding.
const D = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Qty = InstanceType<typeof D>;

/**
 * Plain decimal notation: optional minus, digits, optional fraction. No exponent, no '+'.
 * What responses carry (computed values may have more digits than any input).
 */
export const DECIMAL_PATTERN = /^-?(0|[1-9]\d{0,17})(\.\d{1,9})?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

/**
 * The range of every quantity the product takes in (requests, factory files, BOM sheets):
 * at most 12 integer digits and 6 decimals (the finest unit precision), so below 10^12.
 * The ledger (decimal.js-light, 40 digits) and DynamoDB (38 digits) hold such values and their sums
 * exactly; planning's scaled integers hold them exactly up to 2^53 at the item's planning
 * scale (docs/architecture.md, "Ranges").
 */
export const QTY_PATTERN = /^-?(0|[1-9]\d{0,11})(\.\d{1,6})?$/;

/** Plain decimal text of any length (to tell "not a number" from "out of range"). */
const PLAIN_DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Whether a text is a quantity in the range above. */
export function isQtyInRange(value: string): boolean {
  return QTY_PATTERN.test(value);
}

/** Whether a text is a plain decimal number, whatever its size. */
export function isPlainDecimal(value: string): boolean {
  return PLAIN_DECIMAL.test(value);
}

export function qty(value: QuantityString | number | Qty): Qty {
  return new D(value);
}

export const ZERO: Qty = new D(0);

/** Canonical text form: no exponent, no trailing zeros ("1.50" -> "1.5", "-0" -> "0"). */
export function toQtyString(value: Qty): QuantityString {
  const text = value.toFixed();
  return text === '-0' ? '0' : text;
}

export function addQty(a: QuantityString, b: QuantityString): QuantityString {
  return toQtyString(qty(a).plus(b));
}

export function subQty(a: QuantityString, b: QuantityString): QuantityString {
  return toQtyString(qty(a).minus(b));
}

export function negQty(a: QuantityString): QuantityString {
  return toQtyString(qty(a).negated());
}

export function cmpQty(a: QuantityString, b: QuantityString): -1 | 0 | 1 {
  return qty(a).comparedTo(b) as -1 | 0 | 1;
}

export function sumQty(values: Iterable<QuantityString>): QuantityString {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return toQtyString(total);
}

/** Number of digits after the decimal point that the value actually needs. */
export function decimalPlaces(value: QuantityString): number {
  return qty(value).decimalPlaces();
}

/** True when the value can be expressed in a unit with `precision` decimals. */
export function fitsPrecision(value: QuantityString, precision: number): boolean {
  return decimalPlaces(value) <= precision;
}

/** Round up (away from zero for positives) to a unit precision, as planned orders are. */
export function roundUpToPrecision(value: QuantityString, precision: number): QuantityString {
  return toQtyString(quantityAlgebra.roundUp(qty(value), precision));
}

/** Round down to a unit precision (how many whole sets a quantity makes, say). */
export function floorToPrecision(value: QuantityString | Qty, precision: number): QuantityString {
  return toQtyString(quantityAlgebra.roundDown(qty(value), precision));
}

export function minQty(a: Qty, b: Qty): Qty {
  return a.lessThan(b) ? a : b;
}

/** Plain decimal text as the algebra parses it (leading and trailing zeros allowed). */
const PLAIN_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * The quantity algebra (algebra.ts) over decimal.js: exact for every quantity in the range
 * and any sum or product of two of them (at most 36 significant digits of the 40 kept).
 * The functions above are its shorthands on text.
 */
export const quantityAlgebra: DecimalAlgebra<Qty> = {
  name: 'decimal.js (shared/src/quantity.ts)',
  parse(text) {
    if (!PLAIN_TEXT.test(text)) throw new Error(`not a plain decimal: ${text}`);
    return qty(text);
  },
  format: toQtyString,
  add: (a, b) => a.plus(b),
  sub: (a, b) => a.minus(b),
  mul: (a, b) => a.times(b),
  compare: (a, b) => a.comparedTo(b) as -1 | 0 | 1,
  roundUp: (a, places) => a.toDecimalPlaces(places, Decimal.ROUND_CEIL),
  roundDown: (a, places) => a.toDecimalPlaces(places, Decimal.ROUND_FLOOR),
  roundHalfUp: (a, places) => a.toDecimalPlaces(places, Decimal.ROUND_HALF_UP),
};
