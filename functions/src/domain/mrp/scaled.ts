import { AppError, type DecimalAlgebra } from '@factory/shared';

/**
 * Exact quantities as integers counted in 10^-scale units, held in ordinary numbers: exact
 * while below 2^53, and several times faster than decimal objects in the planning loops.
 * Every result is checked; a plan that would need more digits fails loudly, never rounds.
 */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export function pow10(n: number): number {
  const p = POW10[n];
  if (p === undefined || n > 15) throw overflow(`10^${n}`);
  return p;
}

export function decimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** "12.5" at scale 3 -> 12500. */
export function toScaled(text: string, scale: number): number {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot + 1);
  if (frac.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
  const value = Number(whole + frac.padEnd(scale, '0'));
  return checked(negative ? -value : value, text);
}

/**
 * The texts of the whole numbers below 2^16, made once each: nine in ten planned quantities
 * are one of them, and a plan of 2.3 million orders then shares their texts instead of
 * making (and its collector copying) a string for each.
 */
const WHOLE_TEXTS: string[] = [];
const WHOLE_TEXTS_BELOW = 1 << 16;
const wholeText = (n: number): string =>
  n < WHOLE_TEXTS_BELOW ? (WHOLE_TEXTS[n] ??= String(n)) : String(n);

/** 12500 at scale 3 -> "12.5". */
export function fromScaled(value: number, scale: number): string {
  if (scale === 0 && Number.isSafeInteger(value))
    return value >= 0 ? wholeText(value) : String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 2 ** 31 && scale <= 15 && Number.isInteger(value)) {
    // The same text by integer arithmetic (exact here), without building digit strings.
    const p = POW10[scale]!;
    let whole = Math.floor(magnitude / p);
    if (whole * p > magnitude) whole--;
    let frac = magnitude - whole * p;
    const sign = value < 0 ? '-' : '';
    if (frac === 0) return sign ? `-${whole}` : wholeText(whole);
    let places = scale;
    while (frac % 10 === 0) {
      frac /= 10;
      places--;
    }
    return `${sign}${whole}.${String(frac).padStart(places, '0')}`;
  }
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = scale ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return `${negative && value !== 0 ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

export function rescale(value: number, from: number, to: number): number {
  if (to < from) throw new Error(`cannot rescale exactly from ${from} to ${to} decimals`);
  return checked(value * pow10(to - from), 'rescale');
}

export function times(a: number, b: number): number {
  return checked(a * b, 'product');
}

/** Smallest multiple of `step` that is >= value (value, step >= 0; step > 0). Exact. */
export function ceilToMultiple(value: number, step: number): number {
  if (value <= 0) return 0;
  let q = Math.floor(value / step);
  while (q * step < value) q++;
  while (q > 0 && (q - 1) * step >= value) q--;
  return checked(q * step, 'multiple');
}

/** Largest multiple of `step` that is <= value. Exact. */
export function floorToMultiple(value: number, step: number): number {
  if (value <= 0) return 0;
  let q = Math.floor(value / step);
  while (q * step > value) q--;
  while ((q + 1) * step <= value) q++;
  return q * step;
}

/** True for the overflow error above (what a run reports per item instead of failing). */
export function isOverflow(err: unknown): boolean {
  return err instanceof AppError && err.details?.reason === 'mrp.precision';
}

export function checked(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw overflow(what);
  return value;
}

function overflow(what: string): AppError {
  return new AppError(
    'request.invalid',
    `计划数量超出可精确计算的范围（${what}）：请减少小数位数或数量级`,
    {
      reason: 'mrp.precision',
    },
  );
}

/**
 * qtyPer × (1 + lossRate) of a BOM line, exact, as a scaled integer with no trailing zeros:
 * the one BOM walk's `lineFactor` (domain/bom/walk.ts) in the form MRP's explosion multiplies
 * by. walk.test.ts holds the two equal for every in-range line.
 */
export function scaledLineFactor(line: { qtyPer: string; lossRate: string }): {
  value: number;
  scale: number;
} {
  const a = decimals(line.qtyPer);
  const b = decimals(line.lossRate);
  let value = times(toScaled(line.qtyPer, a), pow10(b) + toScaled(line.lossRate, b));
  let scale = a + b;
  while (scale > 0 && value % 10 === 0) {
    value /= 10;
    scale--;
  }
  return { value, scale };
}

/** A quantity as MRP holds it: `value` × 10^-scale, value a safe integer. */
export type Scaled = { value: number; scale: number };

const PLAIN_TEXT = /^-?\d+(\.\d+)?$/;
const sign = (n: number): -1 | 0 | 1 => (n < 0 ? -1 : n > 0 ? 1 : 0);
const aligned = (a: Scaled, b: Scaled): [number, number, number] => {
  const scale = Math.max(a.scale, b.scale);
  return [rescale(a.value, a.scale, scale), rescale(b.value, b.scale, scale), scale];
};
/** To `places` decimals by `step` = 10^(scale - places): the engine's own multiples. */
const toPlaces = (a: Scaled, places: number, direction: 'up' | 'down' | 'halfUp'): Scaled => {
  if (a.scale <= places) return a;
  const step = pow10(a.scale - places);
  const magnitude = Math.abs(a.value);
  const down = floorToMultiple(magnitude, step);
  const away =
    direction === 'halfUp'
      ? (magnitude - down) * 2 >= step
      : (direction === 'up') === a.value > 0 && down !== magnitude;
  const rounded = (away ? ceilToMultiple(magnitude, step) : down) / step;
  return { value: a.value < 0 ? -rounded || 0 : rounded, scale: places };
};

/**
 * The quantity algebra (algebra.ts) over MRP's scaled integers, built on the functions the
 * engine computes with (`toScaled`, `fromScaled`, `rescale`, `times`, `ceilToMultiple`,
 * `floorToMultiple`), so the law suite checks those. Exact while every value at its scale is
 * below 2^53; past that an operation refuses (`isOverflow`), never rounds: the engine then
 * leaves the item out of the run (notPlanned).
 */
export const scaledAlgebra: DecimalAlgebra<Scaled> = {
  name: 'scaled integers (functions/src/domain/mrp/scaled.ts)',
  parse(text) {
    if (!PLAIN_TEXT.test(text)) throw new Error(`not a plain decimal: ${text}`);
    const scale = decimals(text);
    return { value: toScaled(text, scale) || 0, scale };
  },
  format: (a) => fromScaled(a.value, a.scale),
  add(a, b) {
    const [x, y, scale] = aligned(a, b);
    return { value: checked(x + y, 'sum'), scale };
  },
  sub(a, b) {
    const [x, y, scale] = aligned(a, b);
    return { value: checked(x - y, 'difference'), scale };
  },
  mul: (a, b) => ({ value: times(a.value, b.value) || 0, scale: a.scale + b.scale }),
  compare(a, b) {
    const [x, y] = aligned(a, b);
    return sign(x - y);
  },
  roundUp: (a, places) => toPlaces(a, places, 'up'),
  roundDown: (a, places) => toPlaces(a, places, 'down'),
  roundHalfUp: (a, places) => toPlaces(a, places, 'halfUp'),
};
