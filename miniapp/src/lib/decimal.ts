/**
 * Exact decimal arithmetic on the API's quantity strings ("12", "0.185", "-3.5"). No floating
 * point: 0.3 - 0.1 is 0.2 here, and 1485 × 0.19055 is 282.96675. Digit strings rather than
 * BigInt, which the mini-program's older runtimes (browserslist: iOS 8, Android 4.1) lack.
 * Results are normalised: no leading zeros, no trailing fraction zeros, "0" never negative.
 */

import type { DecimalAlgebra } from '@factory/shared';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** value = (negative ? -1 : 1) × digits × 10^-scale; digits has no leading zeros ("0" for zero). */
type Dec = { negative: boolean; digits: string; scale: number };

export function isDecimal(s: string): boolean {
  return DECIMAL.test(s.trim());
}

/** A positive decimal string (what a quantity field must hold before it is sent). */
export function isPositiveDecimal(s: string): boolean {
  return isDecimal(s) && compareDecimal(s, '0') > 0;
}

function parse(s: string): Dec {
  const m = DECIMAL.exec(s.trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const digits = stripLeading(m[2]! + frac);
  return { negative: m[1] === '-' && digits !== '0', digits, scale: frac.length };
}

const stripLeading = (d: string) => d.replace(/^0+(?=\d)/, '');

function format(d: Dec): string {
  const padded = d.digits.padStart(d.scale + 1, '0');
  const int = stripLeading(padded.slice(0, padded.length - d.scale));
  const frac = padded.slice(padded.length - d.scale).replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return d.negative && body !== '0' ? `-${body}` : body;
}

/** The two magnitudes as digit strings of the same scale. */
function align(a: Dec, b: Dec): [string, string, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits + '0'.repeat(scale - a.scale), b.digits + '0'.repeat(scale - b.scale), scale];
}

function compareMag(x: string, y: string): number {
  const a = stripLeading(x);
  const b = stripLeading(y);
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function addMag(x: string, y: string): string {
  let out = '';
  let carry = 0;
  for (let i = x.length - 1, j = y.length - 1; i >= 0 || j >= 0 || carry; i--, j--) {
    const sum = (i >= 0 ? +x[i]! : 0) + (j >= 0 ? +y[j]! : 0) + carry;
    out = String(sum % 10) + out;
    carry = sum >= 10 ? 1 : 0;
  }
  return stripLeading(out || '0');
}

/** x - y for x >= y. */
function subMag(x: string, y: string): string {
  let out = '';
  let borrow = 0;
  for (let i = x.length - 1, j = y.length - 1; i >= 0; i--, j--) {
    let diff = +x[i]! - (j >= 0 ? +y[j]! : 0) - borrow;
    borrow = diff < 0 ? 1 : 0;
    if (diff < 0) diff += 10;
    out = String(diff) + out;
  }
  return stripLeading(out || '0');
}

function mulMag(x: string, y: string): string {
  const out = new Array<number>(x.length + y.length).fill(0);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      const at = i + j + 1;
      const sum = out[at]! + +x[i]! * +y[j]!;
      out[at] = sum % 10;
      out[at - 1] = out[at - 1]! + Math.floor(sum / 10);
    }
  }
  return stripLeading(out.join(''));
}

function normalise(negative: boolean, digits: string, scale: number): string {
  const d = stripLeading(digits);
  return format({ negative: negative && d !== '0', digits: d, scale });
}

/** -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (pa.negative !== pb.negative) return pa.negative ? -1 : 1;
  const [x, y] = align(pa, pb);
  const magnitude = compareMag(x, y);
  return pa.negative ? -magnitude || 0 : magnitude; // never -0
}

export function addDecimal(a: string, b: string): string {
  const pa = parse(a);
  const pb = parse(b);
  const [x, y, scale] = align(pa, pb);
  if (pa.negative === pb.negative) return normalise(pa.negative, addMag(x, y), scale);
  // Opposite signs: the larger magnitude keeps its sign.
  return compareMag(x, y) >= 0
    ? normalise(pa.negative, subMag(x, y), scale)
    : normalise(pb.negative, subMag(y, x), scale);
}

export function negateDecimal(a: string): string {
  const p = parse(a);
  return format({ ...p, negative: !p.negative && p.digits !== '0' });
}

export function subtractDecimal(a: string, b: string): string {
  return addDecimal(a, negateDecimal(b));
}

export function multiplyDecimal(a: string, b: string): string {
  const pa = parse(a);
  const pb = parse(b);
  return normalise(pa.negative !== pb.negative, mulMag(pa.digits, pb.digits), pa.scale + pb.scale);
}

export function minDecimal(a: string, b: string): string {
  return compareDecimal(a, b) <= 0 ? format(parse(a)) : format(parse(b));
}

/** a - b, never below zero (what is left of a need, of an order). */
export function remainingDecimal(a: string, b: string): string {
  const left = subtractDecimal(a, b);
  return compareDecimal(left, '0') > 0 ? left : '0';
}

/** Kept digits of `p` at `places` decimals, and whether any non-zero digit was dropped. */
function cut(p: Dec, places: number): { kept: string; dropped: string } {
  const n = p.scale - places;
  const padded = p.digits.padStart(n + 1, '0');
  return { kept: padded.slice(0, padded.length - n), dropped: padded.slice(padded.length - n) };
}

/**
 * Rounded up (towards +infinity) to `places` decimals, as the server rounds a kit's
 * component quantity up to the component's unit precision.
 */
export function roundUpDecimal(a: string, places: number): string {
  const p = parse(a);
  if (p.scale <= places) return format(p);
  const { kept, dropped } = cut(p, places);
  // Towards +infinity: a positive value with dropped digits goes one unit up; a negative one
  // just loses them.
  const digits = /[1-9]/.test(dropped) && !p.negative ? addMag(kept, '1') : kept;
  return normalise(p.negative, digits, places);
}

/** Rounded down (towards -infinity) to `places` decimals (whole sets a stock makes). */
export function roundDownDecimal(a: string, places: number): string {
  const p = parse(a);
  if (p.scale <= places) return format(p);
  const { kept, dropped } = cut(p, places);
  const digits = /[1-9]/.test(dropped) && p.negative ? addMag(kept, '1') : kept;
  return normalise(p.negative, digits, places);
}

/** Rounded half away from zero to `places` decimals (an amount to the fen). */
export function roundHalfUpDecimal(a: string, places: number): string {
  const p = parse(a);
  if (p.scale <= places) return format(p);
  const { kept, dropped } = cut(p, places);
  return normalise(p.negative, dropped[0]! >= '5' ? addMag(kept, '1') : kept, places);
}

/** Plain decimal text as the algebra parses it: no spaces (a field's text is trimmed first). */
const PLAIN_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * The quantity algebra (shared/src/algebra.ts) over these digit strings: canonical text in,
 * canonical text out, exact at any size. It passes the shared law suite (decimal.test.ts);
 * decimal.js, which the server's implementation uses, stays off the phone.
 */
export const decimalAlgebra: DecimalAlgebra<string> = {
  name: 'digit strings (miniapp/src/lib/decimal.ts)',
  parse(text) {
    if (!PLAIN_TEXT.test(text)) throw new Error(`not a decimal: ${text}`);
    return format(parse(text));
  },
  format: (a) => a,
  add: addDecimal,
  sub: subtractDecimal,
  mul: multiplyDecimal,
  compare: (a, b) => compareDecimal(a, b) as -1 | 0 | 1,
  roundUp: roundUpDecimal,
  roundDown: roundDownDecimal,
  roundHalfUp: roundHalfUpDecimal,
};
