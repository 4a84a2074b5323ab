import { qty } from '@factory/shared';

/**
 * Exact arithmetic of costing (DOMAIN.md "Costing"): money in integer fen and quantities as
 * integers of 10⁻⁹ (every quantity the product keeps has at most 9 decimals), both as bigint,
 * so that no step ever rounds except where a rule says so.
 */
export const QTY_SCALE = 1_000_000_000n;

/** A decimal quantity as an integer count of 10⁻⁹. */
export function scaledQty(value: string): bigint {
  return BigInt(qty(value).times(QTY_SCALE.toString()).toFixed(0));
}

/** Back to a plain decimal string. */
export function qtyText(scaled: bigint): string {
  return qty(scaled.toString()).div(QTY_SCALE.toString()).toFixed();
}

/** A yuan amount with at most two decimals ("12.5", "-3.00") as fen. */
export function fenOf(yuan: string): bigint {
  return BigInt(qty(yuan).times(100).toFixed(0));
}

/** Fen as yuan with two decimals. */
export function yuanText(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** num / den rounded half away from zero (den > 0): "rounded half up once". */
export function divHalfUp(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('divHalfUp: the divisor must be positive');
  const abs = num < 0n ? -num : num;
  const q = (2n * abs + den) / (2n * den);
  return num < 0n ? -q : q;
}

/** value (fen) × part / whole (scaled quantities, whole > 0), half up: a value from a unit cost. */
export function proportionalValue(value: bigint, part: bigint, whole: bigint): bigint {
  return divHalfUp(value * part, whole);
}

/** value / quantity as yuan with four decimals, half up; null without quantity. */
export function unitCostText(value: bigint, quantity: bigint): string | null {
  if (quantity <= 0n) return null;
  // yuan/unit × 10⁴ = fen/100 / (q/10⁹) × 10⁴ = fen × 10¹¹ / q
  const tenThousandths = divHalfUp(value * 100_000_000_000n, quantity);
  const sign = tenThousandths < 0n ? '-' : '';
  const abs = tenThousandths < 0n ? -tenThousandths : tenThousandths;
  return `${sign}${abs / 10_000n}.${(abs % 10_000n).toString().padStart(4, '0')}`;
}

/**
 * Rule 1, shares to the cent: `amount` (fen, ≥ 0) over `weights` (negative counts as zero):
 * each line gets amount × weight / total rounded down, and the fen left over go one each to
 * the largest remainders, the earlier line first on a tie. The shares sum to the amount. With
 * a zero total nothing can be shared: undefined (the caller says where the amount goes).
 */
export function shares(amount: bigint, weights: readonly bigint[]): bigint[] | undefined {
  if (amount < 0n) throw new RangeError('shares: the amount must not be negative');
  const w = weights.map((x) => (x < 0n ? 0n : x));
  const total = w.reduce((a, b) => a + b, 0n);
  if (total === 0n) return amount === 0n ? w.map(() => 0n) : undefined;
  const out = w.map((x) => (amount * x) / total);
  const rest = w.map((x, i) => ({ i, r: (amount * x) % total }));
  let left = amount - out.reduce((a, b) => a + b, 0n);
  rest.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rest) {
    if (left === 0n) break;
    out[i]! += 1n;
    left -= 1n;
  }
  return out;
}
