import fc from 'fast-check';
import { toSnapshot } from 'dinero.js';
import { moneyLaws } from './algebra.laws.js';
import {
  type MoneySnapshot,
  allocateMoney,
  cny,
  formatMoney,
  fromSnapshot,
  moneyAlgebra,
  unitPriceMoney,
  moneyToDecimalString,
  snapshot,
  sumMoney,
} from './money.js';

const money = (amount: number, scale = 2): MoneySnapshot => ({ amount, scale, currency: 'CNY' });

describe('cny', () => {
  test('builds an amount in minor units with its scale', () => {
    expect(snapshot(cny(123456))).toEqual(money(123456));
    expect(snapshot(cny(12345678, 4))).toEqual(money(12345678, 4));
    expect(toSnapshot(cny(1)).currency.code).toBe('CNY');
  });

  test.each([1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'refuses the non-integer or unsafe amount %p',
    (amount) => {
      expect(() => cny(amount)).toThrow(RangeError);
    },
  );

  test('fromSnapshot refuses a non-integer amount too', () => {
    expect(() => fromSnapshot(money(12.5))).toThrow(/integer/);
  });

  test('snapshot and fromSnapshot round-trip', () => {
    for (const s of [money(0), money(-500), money(123456), money(987654321, 4), money(7, 0)]) {
      expect(snapshot(fromSnapshot(s))).toEqual(s);
    }
  });
});

describe('sumMoney', () => {
  test('sums to the fen', () => {
    expect(snapshot(sumMoney([cny(10), cny(20), cny(-5)]))).toEqual(money(25));
  });

  test('an empty list sums to zero', () => {
    expect(snapshot(sumMoney([]))).toEqual(money(0));
  });

  test('ten times 0.10 yuan is exactly 1.00 yuan', () => {
    expect(snapshot(sumMoney(Array.from({ length: 10 }, () => cny(10))))).toEqual(money(100));
  });
});

describe('allocateMoney', () => {
  test('splits 1.00 yuan in three without losing a fen', () => {
    const parts = allocateMoney(cny(100), [1, 1, 1]).map(snapshot);
    expect(parts.map((p) => p.amount)).toEqual([34, 33, 33]);
  });

  test('splits a negative amount (a credit) the same way', () => {
    const parts = allocateMoney(cny(-100), [1, 1, 1]).map(snapshot);
    expect(parts.map((p) => p.amount)).toEqual([-34, -33, -33]);
  });

  test('splits by unequal ratios', () => {
    const parts = allocateMoney(cny(1000), [1, 3]).map(snapshot);
    expect(parts.map((p) => p.amount)).toEqual([250, 750]);
  });

  test('a zero ratio gets nothing', () => {
    const parts = allocateMoney(cny(100), [0, 1, 1]).map(snapshot);
    expect(parts.map((p) => p.amount)).toEqual([0, 50, 50]);
  });

  test('keeps the scale of the amount', () => {
    const parts = allocateMoney(cny(10001, 4), [1, 1]).map(snapshot);
    expect(parts).toEqual([money(5001, 4), money(5000, 4)]);
  });

  test('refuses ratios that are all zero', () => {
    expect(() => allocateMoney(cny(100), [0, 0])).toThrow();
  });

  test('property: parts sum to the whole to the fen and no part is more than a fen from its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 20 })
          .filter((ratios) => ratios.some((r) => r > 0)),
        (amount, ratios) => {
          const parts = allocateMoney(cny(amount), ratios).map(snapshot);
          expect(parts).toHaveLength(ratios.length);
          expect(parts.every((p) => p.scale === 2 && Number.isSafeInteger(p.amount))).toBe(true);
          expect(parts.reduce((sum, p) => sum + BigInt(p.amount), 0n)).toBe(BigInt(amount));
          // |part - amount * ratio / total| <= 1 fen, in integers: |part * total - amount * ratio| <= total.
          const total = BigInt(ratios.reduce((a, b) => a + b, 0));
          parts.forEach((p, i) => {
            const error = BigInt(p.amount) * total - BigInt(amount) * BigInt(ratios[i]!);
            expect(error < 0n ? -error : error).toBeLessThanOrEqual(total);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('moneyToDecimalString', () => {
  test.each([
    [money(123456), '1234.56'],
    [money(5), '0.05'],
    [money(-5), '-0.05'],
    [money(0), '0.00'],
    [money(-123456), '-1234.56'],
    [money(100, 0), '100'],
    [money(0, 0), '0'],
    [money(12345678, 4), '1234.5678'],
    [money(1, 4), '0.0001'],
    [money(Number.MAX_SAFE_INTEGER), '90071992547409.91'],
  ])('%j is %s', (s, expected) => {
    expect(moneyToDecimalString(s)).toBe(expected);
  });

  test('property: the text is exactly amount / 10^scale', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 8 }),
        (amount, scale) => {
          const text = moneyToDecimalString(money(amount, scale));
          expect(text).toMatch(scale > 0 ? /^-?\d+\.\d+$/ : /^-?\d+$/);
          expect(text.split('.')[1]?.length ?? 0).toBe(scale);
          expect(BigInt(text.replace('.', ''))).toBe(BigInt(amount));
        },
      ),
    );
  });
});

describe('formatMoney', () => {
  test('formats yuan with a thousands separator', () => {
    expect(formatMoney(money(123456))).toBe('¥1,234.56');
    expect(formatMoney(money(123456789012))).toBe('¥1,234,567,890.12');
  });

  test('formats negatives with a leading minus', () => {
    expect(formatMoney(money(-123456))).toBe('-¥1,234.56');
    expect(formatMoney(money(-5))).toBe('-¥0.05');
  });

  test('formats zero', () => {
    expect(formatMoney(money(0))).toBe('¥0.00');
    expect(formatMoney(money(0, 4))).toBe('¥0.00');
  });

  test('formats whole yuan (scale 0) with two decimals', () => {
    expect(formatMoney(money(5, 0))).toBe('¥5.00');
  });

  test('formats large amounts exactly, with no floating-point step', () => {
    // 90071992547409.91 is not representable as a double; Intl gets the decimal text.
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER))).toBe('¥90,071,992,547,409.91');
  });

  test('a scale-4 amount that has only fen is shown exactly', () => {
    expect(formatMoney(money(12345600, 4))).toBe('¥1,234.56');
  });

  test('a scale-4 unit cost keeps its decimals', () => {
    expect(formatMoney(money(12345678, 4))).toBe('¥1,234.5678');
  });

  test('a scale-4 unit cost below one fen is not shown as zero', () => {
    expect(formatMoney(money(45, 4))).not.toBe('¥0.00');
  });
});

describe('unitPriceMoney', () => {
  test('keeps every decimal of a unit price, at least the fen', () => {
    expect(unitPriceMoney('4.5')).toEqual({ amount: 450, scale: 2, currency: 'CNY' });
    expect(unitPriceMoney('7')).toEqual({ amount: 700, scale: 2, currency: 'CNY' });
    expect(unitPriceMoney('0.012345')).toEqual({ amount: 12345, scale: 6, currency: 'CNY' });
    expect(unitPriceMoney('99999999999.99')).toEqual({
      amount: 9999999999999,
      scale: 2,
      currency: 'CNY',
    });
    expect(() => unitPriceMoney('-1')).toThrow(RangeError);
    expect(() => unitPriceMoney('99999999999.999999')).toThrow(RangeError); // past 2^53
  });
});

moneyLaws(moneyAlgebra);
