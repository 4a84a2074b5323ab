/**
 * The laws every implementation of the quantity and money algebras passes (algebra.ts), as
 * jest suites over fast-check properties, each checked against an exact oracle on BigInt.
 * Imported by the implementations' tests (shared, functions/src/domain/mrp, the
 * mini-program): a test helper, never product code. No dependency but fast-check, so the
 * mini-program's tests run it without decimal.js or zod.
 */
import fc from 'fast-check';
import {
  type DecimalAlgebra,
  type MoneyAlgebra,
  MAX_AMOUNT_FEN,
  QTY_MAX_DECIMALS,
  QTY_MAX_INTEGER_DIGITS,
} from './algebra.js';

// ---- the oracle: value = n × 10^-scale, exact ---------------------------------------------

type Exact = { n: bigint; scale: number };
const PLAIN = /^-?\d+(\.\d+)?$/;
const TEN = 10n;

function exact(text: string): Exact {
  if (!PLAIN.test(text)) throw new Error(`not a plain decimal: ${text}`);
  const [whole, frac = ''] = text.split('.');
  return {
    n: BigInt(whole!.replace('-', '') + frac) * (text.startsWith('-') ? -1n : 1n),
    scale: frac.length,
  };
}

function text(x: Exact): string {
  const negative = x.n < 0n;
  const digits = (negative ? -x.n : x.n).toString().padStart(x.scale + 1, '0');
  const whole = digits.slice(0, digits.length - x.scale);
  const frac = digits.slice(digits.length - x.scale).replace(/0+$/, '');
  const body = frac ? `${whole}.${frac}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

const at = (x: Exact, scale: number): bigint => x.n * TEN ** BigInt(scale - x.scale);
const add = (a: Exact, b: Exact): Exact => {
  const s = Math.max(a.scale, b.scale);
  return { n: at(a, s) + at(b, s), scale: s };
};
const neg = (a: Exact): Exact => ({ n: -a.n, scale: a.scale });
const mul = (a: Exact, b: Exact): Exact => ({ n: a.n * b.n, scale: a.scale + b.scale });
const cmp = (a: Exact, b: Exact): -1 | 0 | 1 => {
  const d = add(a, neg(b)).n;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
/** Rounded to `places` decimals: 'up' towards +infinity, 'down' towards -infinity, 'halfUp' half away from zero. */
function round(x: Exact, places: number, mode: 'up' | 'down' | 'halfUp'): Exact {
  if (x.scale <= places) return x;
  const d = TEN ** BigInt(x.scale - places);
  let q = x.n / d; // truncated towards zero
  const r = x.n - q * d;
  if (mode === 'up' && r > 0n) q += 1n;
  if (mode === 'down' && r < 0n) q -= 1n;
  if (mode === 'halfUp') {
    const twice = 2n * (r < 0n ? -r : r);
    if (twice >= d) q += r < 0n ? -1n : 1n;
  }
  return { n: q, scale: places };
}

// ---- generators ------------------------------------------------------------------------------

/** Decimal text with at most `ints` integer and `decimals` fraction digits. */
export function arbDecimalText(opts: {
  ints: number;
  decimals: number;
  signed?: boolean;
  /** Leading and trailing zeros, "-0": texts that are not canonical. */
  sloppy?: boolean;
}): fc.Arbitrary<string> {
  const digits = (max: number) =>
    fc.oneof(
      fc.constant(''),
      fc.stringMatching(new RegExp(`^[0-9]{1,${Math.max(1, max)}}$`)).map((s) => s.slice(0, max)),
    );
  return fc
    .tuple(
      fc.boolean(),
      digits(opts.ints),
      digits(opts.decimals),
      fc.nat({ max: 2 }),
      fc.nat({ max: 2 }),
    )
    .map(([minus, whole, frac, lead, trail]) => {
      let w = whole.replace(/^0+(?=\d)/, '') || '0';
      let f = frac;
      if (opts.sloppy) {
        w = '0'.repeat(lead) + w;
        if (f || trail) f = (f + '0'.repeat(trail)).slice(0, Math.max(opts.decimals, f.length));
      }
      const body = f ? `${w}.${f}` : w;
      return opts.signed && minus ? `-${body}` : body;
    });
}

const QTY_RANGE = { ints: QTY_MAX_INTEGER_DIGITS, decimals: QTY_MAX_DECIMALS };

// ---- the quantity laws ------------------------------------------------------------------------

export type AlgebraLawOptions = {
  /**
   * Operands for which every operation must be exact and must not throw. decimal.js and
   * digit strings: the whole quantity range (12 integer digits, 6 decimals); scaled integers
   * a smaller one.
   */
  exactRange?: { ints: number; decimals: number };
  /**
   * Errors an operation may throw outside `exactRange` (scaled integers past 2^53): over
   * the whole quantity range each result must then be exact or such an error, never a
   * rounded value. Without it, every operation over the whole range must be exact.
   */
  mayRefuse?: (err: unknown) => boolean;
  numRuns?: number;
};

/** Registers the law suite for one implementation of the quantity algebra. */
export function algebraLaws<T>(algebra: DecimalAlgebra<T>, options: AlgebraLawOptions = {}): void {
  const range = options.exactRange ?? QTY_RANGE;
  const runs = { numRuns: options.numRuns ?? 200 };
  const value = arbDecimalText({ ...range, signed: true });
  const places = fc.nat({ max: QTY_MAX_DECIMALS });
  const A = algebra;
  const f = (t: string) => A.format(A.parse(t));

  describe(`quantity algebra laws: ${A.name}`, () => {
    test('0.1 + 0.2 = 0.3, 0.3 - 0.1 = 0.2, 3 × 0.1 = 0.3', () => {
      expect(A.format(A.add(A.parse('0.1'), A.parse('0.2')))).toBe('0.3');
      expect(A.format(A.sub(A.parse('0.3'), A.parse('0.1')))).toBe('0.2');
      expect(A.format(A.mul(A.parse('3'), A.parse('0.1')))).toBe('0.3');
    });

    test('format(parse(x)) is the canonical text, and canonical text is kept', () => {
      fc.assert(
        fc.property(arbDecimalText({ ...range, signed: true, sloppy: true }), (x) => {
          expect(f(x)).toBe(text(exact(x)));
          expect(f(f(x))).toBe(f(x));
        }),
        runs,
      );
      expect(['007.50', '-0', '-0.000', '0.10', '100'].map(f)).toEqual([
        '7.5',
        '0',
        '0',
        '0.1',
        '100',
      ]);
    });

    test('parse refuses what is not plain decimal text', () => {
      for (const bad of ['', 'abc', '1e5', '+1', '.5', '1.', '1,000', ' 1', '1 ', '--1', '0x10']) {
        expect(() => A.parse(bad)).toThrow();
      }
    });

    test('add is commutative and associative, add and sub exact', () => {
      fc.assert(
        fc.property(value, value, value, (a, b, c) => {
          const [x, y, z] = [A.parse(a), A.parse(b), A.parse(c)];
          expect(A.format(A.add(x, y))).toBe(A.format(A.add(y, x)));
          expect(A.format(A.add(A.add(x, y), z))).toBe(A.format(A.add(x, A.add(y, z))));
          expect(A.format(A.add(x, y))).toBe(text(add(exact(a), exact(b))));
          expect(A.format(A.sub(x, y))).toBe(text(add(exact(a), neg(exact(b)))));
        }),
        runs,
      );
    });

    test('a × b is exact, and commutative', () => {
      fc.assert(
        fc.property(value, value, (a, b) => {
          const [x, y] = [A.parse(a), A.parse(b)];
          expect(A.format(A.mul(x, y))).toBe(text(mul(exact(a), exact(b))));
          expect(A.format(A.mul(x, y))).toBe(A.format(A.mul(y, x)));
        }),
        runs,
      );
    });

    test('compare is consistent with sub, antisymmetric, and 0 for equal values', () => {
      fc.assert(
        fc.property(value, value, (a, b) => {
          const [x, y] = [A.parse(a), A.parse(b)];
          const sign = A.compare(A.sub(x, y), A.parse('0'));
          expect(A.compare(x, y)).toBe(sign);
          expect(A.compare(y, x)).toBe(-sign || 0);
          expect(A.compare(x, y)).toBe(cmp(exact(a), exact(b)));
          expect(A.compare(x, A.parse(A.format(x)))).toBe(0);
        }),
        runs,
      );
    });

    test('rounding: up towards +infinity, down towards -infinity, half up away from zero', () => {
      fc.assert(
        fc.property(value, places, (a, p) => {
          const x = A.parse(a);
          const up = A.roundUp(x, p);
          const down = A.roundDown(x, p);
          expect(A.format(up)).toBe(text(round(exact(a), p, 'up')));
          expect(A.format(down)).toBe(text(round(exact(a), p, 'down')));
          expect(A.format(A.roundHalfUp(x, p))).toBe(text(round(exact(a), p, 'halfUp')));
          expect(A.compare(up, x)).toBeGreaterThanOrEqual(0);
          expect(A.compare(down, x)).toBeLessThanOrEqual(0);
          // Within one unit of the last place kept, and a value that fits is kept as it is.
          const unit = A.parse(p ? `0.${'0'.repeat(p - 1)}1` : '1');
          expect(A.compare(A.sub(up, down), unit)).toBeLessThanOrEqual(0);
          if (exact(a).scale <= p) expect(A.format(up)).toBe(A.format(x));
        }),
        runs,
      );
      expect(A.format(A.roundHalfUp(A.parse('2.345'), 2))).toBe('2.35');
      expect(A.format(A.roundHalfUp(A.parse('-2.345'), 2))).toBe('-2.35');
      expect(A.format(A.roundUp(A.parse('-2.345'), 2))).toBe('-2.34');
      expect(A.format(A.roundDown(A.parse('-2.345'), 2))).toBe('-2.35');
    });

    test(
      options.mayRefuse
        ? 'over the whole quantity range every result is exact or refused, never rounded'
        : 'the quantity range (12 integer digits, 6 decimals): sums, products and the extremes are exact',
      () => {
        const full = arbDecimalText({ ...QTY_RANGE, signed: true });
        const check = (compute: () => string, expected: string) => {
          let got: string;
          try {
            got = compute();
          } catch (err) {
            if (options.mayRefuse?.(err)) return;
            throw err;
          }
          expect(got).toBe(expected);
        };
        fc.assert(
          fc.property(full, full, (a, b) => {
            check(() => f(a), text(exact(a)));
            check(() => A.format(A.add(A.parse(a), A.parse(b))), text(add(exact(a), exact(b))));
            check(() => A.format(A.mul(A.parse(a), A.parse(b))), text(mul(exact(a), exact(b))));
          }),
          runs,
        );
        const max = '999999999999.999999';
        check(() => A.format(A.mul(A.parse(max), A.parse(max))), text(mul(exact(max), exact(max))));
        check(() => A.format(A.add(A.parse(max), A.parse('0.000001'))), '1000000000000');
        check(() => A.format(A.sub(A.parse(`-${max}`), A.parse(max))), '-1999999999999.999998');
      },
    );
  });
}

// ---- the money laws --------------------------------------------------------------------------

/** Exact line amount in fen (half up), or undefined past the largest amount. */
function amountFen(qty: string, price: string): number | undefined {
  const fen = round(mul(exact(qty), exact(price)), 2, 'halfUp');
  const n = at(fen, 2);
  return n > BigInt(MAX_AMOUNT_FEN) ? undefined : Number(n);
}

function formatFen(fen: number): string {
  const negative = fen < 0;
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${whole}.${digits.slice(-2)}`;
}

/** Registers the law suite for one implementation of the money algebra. */
export function moneyLaws(money: MoneyAlgebra, numRuns = 300): void {
  const qty = fc.oneof(arbDecimalText({ ...QTY_RANGE }), arbDecimalText({ ints: 4, decimals: 3 }));
  const price = fc.oneof(
    arbDecimalText({ ints: 11, decimals: 2 }),
    arbDecimalText({ ints: 4, decimals: 2 }),
  );
  const fen = fc.oneof(
    fc.integer({ min: 0, max: MAX_AMOUNT_FEN }),
    fc.integer({ min: 0, max: 100_000 }),
  );

  describe(`money algebra laws: ${money.name}`, () => {
    test('a line’s amount is qty × unit price half up to the fen, refused past ¥99,999,999,999.99', () => {
      fc.assert(
        fc.property(qty, price, (q, p) => {
          expect(money.lineAmount(q, p)).toBe(amountFen(q, p));
        }),
        { numRuns },
      );
      // Half a fen exactly, which floating point sees as a hair above or below.
      fc.assert(
        fc.property(fc.nat({ max: 10 ** 9 }), fc.nat({ max: 99 }), (whole, cents) => {
          const q = `${whole}.${String(cents).padStart(2, '0')}5`;
          expect(money.lineAmount(q, '1')).toBe(amountFen(q, '1'));
        }),
        { numRuns },
      );
      expect(money.lineAmount('1.005', '1')).toBe(101); // 100.49999999999999 in floating point
      expect(money.lineAmount('3', '0.10')).toBe(30); // 0.30000000000000004 in floating point
      expect(money.lineAmount('0.005', '1')).toBe(1);
      expect(money.lineAmount('0.004', '1')).toBe(0);
      expect(money.lineAmount('1', '99999999999.99')).toBe(MAX_AMOUNT_FEN);
      expect(money.lineAmount('1.000001', '99999999999.99')).toBeUndefined();
      expect(money.lineAmount('999999999999.999999', '0')).toBe(0);
    });

    test('a total is the exact sum, refused past the largest amount', () => {
      fc.assert(
        fc.property(fc.array(fen, { maxLength: 200 }), (amounts) => {
          const sum = amounts.reduce((s, a) => s + BigInt(a), 0n);
          expect(money.total(amounts)).toBe(sum > BigInt(MAX_AMOUNT_FEN) ? undefined : Number(sum));
        }),
        { numRuns },
      );
      expect(money.total([])).toBe(0);
      expect(money.total([MAX_AMOUNT_FEN, 1])).toBeUndefined();
    });

    test('format groups thousands and shows the fen', () => {
      fc.assert(
        fc.property(fen, fc.boolean(), (n, negative) => {
          const a = negative ? -n : n;
          expect(money.format(a)).toBe(formatFen(a));
        }),
        { numRuns },
      );
      expect(money.format(123456)).toBe('¥1,234.56');
      expect(money.format(5)).toBe('¥0.05');
      expect(money.format(-5)).toBe('-¥0.05');
      expect(money.format(MAX_AMOUNT_FEN)).toBe('¥99,999,999,999.99');
    });
  });
}
