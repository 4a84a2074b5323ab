/**
 * One quantity algebra, one money algebra (docs/architecture.md, "One BOM walk, one quantity
 * algebra"). Types and constants only: no dependency, so the mini-program may import the
 * types (`import type`) and the law suite (`algebra.laws.ts`) runs everywhere.
 *
 * Three implementations of `DecimalAlgebra` exist, each for a reason:
 *  - `quantityAlgebra` (shared/src/quantity.ts): decimal.js, 40 significant digits; the
 *    ledger, needs, kitting, shortage, explosion;
 *  - `scaledAlgebra` (functions/src/domain/mrp/scaled.ts): integers counted in 10^-scale in
 *    plain numbers, exact below 2^53 and refusing beyond; MRP's hot loops;
 *  - `decimalAlgebra` (miniapp/src/lib/decimal.ts): digit strings, unbounded; the phone, which
 *    must not carry decimal.js (nor BigInt, which its oldest runtimes lack).
 * Every one of them passes the same laws (`algebraLaws`), checked against an exact oracle.
 */

/** The range of every quantity the product takes in (docs/architecture.md, "Ranges"). */
export const QTY_MAX_INTEGER_DIGITS = 12;
export const QTY_MAX_DECIMALS = 6;

/** Exact decimal arithmetic over values of type T. */
export interface DecimalAlgebra<T> {
  readonly name: string;
  /**
   * Plain decimal text (an optional '-', digits, optionally '.' and digits; leading and
   * trailing zeros allowed) to a value. Anything else (exponents, '+', spaces, '.5', '1.')
   * throws.
   */
  parse(text: string): T;
  /** Canonical text: no exponent, no leading or trailing zeros, never "-0". */
  format(value: T): string;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  compare(a: T, b: T): -1 | 0 | 1;
  /** Rounded towards +infinity to `places` decimals (needs, planned orders, substitutes). */
  roundUp(value: T, places: number): T;
  /** Rounded towards -infinity (whole sets a stock makes). */
  roundDown(value: T, places: number): T;
  /** Rounded half away from zero (an amount to the fen). */
  roundHalfUp(value: T, places: number): T;
}

/** CNY amounts as the product computes them: whole fen, at most `MAX_AMOUNT_FEN`. */
export interface MoneyAlgebra {
  readonly name: string;
  /**
   * A sales line's amount: qty (an in-range, non-negative quantity) × unit price (yuan, at
   * most two decimals), half up to the fen, in fen; undefined when it passes the largest
   * amount.
   */
  lineAmount(qty: string, unitPrice: string): number | undefined;
  /** The sum of amounts (fen); undefined when it passes the largest amount. */
  total(amounts: readonly number[]): number | undefined;
  /** For display: "¥1,234.56" (grouped, two decimals, "-¥0.05" below zero). */
  format(fen: number): string;
}

/**
 * The largest amount the product takes in or computes: ¥99,999,999,999.99 (below 10^13 fen;
 * sums of 900 of them stay below 2^53).
 */
export const MAX_AMOUNT_FEN = 9_999_999_999_999;
