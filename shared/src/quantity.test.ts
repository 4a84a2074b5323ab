import fc from 'fast-check';
import { algebraLaws } from './algebra.laws.js';
import {
  DECIMAL_PATTERN,
  ZERO,
  addQty,
  cmpQty,
  decimalPlaces,
  fitsPrecision,
  isDecimalString,
  negQty,
  qty,
  quantityAlgebra,
  roundUpToPrecision,
  subQty,
  sumQty,
  toQtyString,
} from './quantity.js';

const SCALE = 10n ** 9n;

/** A decimal string the contracts accept: up to 18 integer digits and 9 decimals. */
const decimalString = fc
  .record({
    negative: fc.boolean(),
    whole: fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }),
    fraction: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 9 }),
  })
  .map(
    ({ negative, whole, fraction }) =>
      `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`,
  );

/** The value of a decimal string in billionths, as an exact integer. */
function scaled(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = value.replace('-', '').split('.');
  const magnitude = BigInt(whole) * SCALE + BigInt(fraction.padEnd(9, '0'));
  return negative ? -magnitude : magnitude;
}

/** Canonical text of a value in billionths: no exponent, no trailing zeros, no "-0". */
function unscaled(value: bigint): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = (magnitude / SCALE).toString();
  const fraction = (magnitude % SCALE).toString().padStart(9, '0').replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

describe('exact arithmetic', () => {
  test('0.1 + 0.2 is exactly 0.3', () => {
    expect(addQty('0.1', '0.2')).toBe('0.3');
    expect(cmpQty(addQty('0.1', '0.2'), '0.3')).toBe(0);
  });

  test('ten times 0.1 sums to exactly 1', () => {
    expect(sumQty(Array.from({ length: 10 }, () => '0.1'))).toBe('1');
  });

  test('a thousand small values sum without drift', () => {
    expect(sumQty(Array.from({ length: 1000 }, () => '0.001'))).toBe('1');
    expect(sumQty(Array.from({ length: 1000 }, () => '0.000000001'))).toBe('0.000001');
  });

  test('large and tiny values keep every digit', () => {
    expect(addQty('999999999999999999', '0.000000001')).toBe('999999999999999999.000000001');
    expect(subQty('100000000000000000', '0.000000001')).toBe('99999999999999999.999999999');
  });

  test('sum of nothing is zero', () => {
    expect(sumQty([])).toBe('0');
  });

  test('sumQty takes any iterable', () => {
    function* values() {
      yield '1.5';
      yield '2.25';
    }
    expect(sumQty(values())).toBe('3.75');
    expect(sumQty(new Set(['1', '2']))).toBe('3');
  });

  test('subtraction and negation', () => {
    expect(subQty('0.3', '0.1')).toBe('0.2');
    expect(subQty('1', '2.5')).toBe('-1.5');
    expect(negQty('2.5')).toBe('-2.5');
    expect(negQty('-2.5')).toBe('2.5');
  });

  test('property: sumQty equals the exact integer-scaled sum', () => {
    fc.assert(
      fc.property(fc.array(decimalString, { maxLength: 60 }), (values) => {
        const exact = values.reduce((total, v) => total + scaled(v), 0n);
        expect(sumQty(values)).toBe(unscaled(exact));
      }),
    );
  });

  test('property: the generator only makes strings the contracts accept', () => {
    fc.assert(fc.property(decimalString, (v) => isDecimalString(v)));
  });

  test('property: (a + b) - b gives back a, in canonical form', () => {
    fc.assert(
      fc.property(decimalString, decimalString, (a, b) => {
        expect(subQty(addQty(a, b), b)).toBe(unscaled(scaled(a)));
        expect(addQty(a, b)).toBe(addQty(b, a));
      }),
    );
  });
});

describe('canonical strings', () => {
  test.each([
    ['1.50', '1.5'],
    ['1.000', '1'],
    ['0.0', '0'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['0010', '10'],
    ['-12.340', '-12.34'],
  ])('%s is written %s', (input, expected) => {
    expect(toQtyString(qty(input))).toBe(expected);
  });

  test('tiny values are written without an exponent', () => {
    expect(toQtyString(qty('0.000000001'))).toBe('0.000000001');
    expect(toQtyString(qty('1e-30'))).toBe(`0.${'0'.repeat(29)}1`);
    expect(toQtyString(qty(1e-7))).toBe('0.0000001');
  });

  test('huge values are written without an exponent', () => {
    expect(toQtyString(qty('1e30'))).toBe(`1${'0'.repeat(30)}`);
    expect(toQtyString(qty(1e21))).toBe(`1${'0'.repeat(21)}`);
    expect(toQtyString(qty('123456789012345678.123456789'))).toBe('123456789012345678.123456789');
  });

  test('a result of exactly zero is "0", never "-0"', () => {
    expect(subQty('0.1', '0.1')).toBe('0');
    expect(negQty('0')).toBe('0');
    expect(addQty('-0.5', '0.5')).toBe('0');
    expect(toQtyString(ZERO)).toBe('0');
  });

  test('qty accepts strings, numbers and other quantities', () => {
    expect(toQtyString(qty('2.5'))).toBe('2.5');
    expect(toQtyString(qty(2.5))).toBe('2.5');
    expect(toQtyString(qty(qty('2.5')))).toBe('2.5');
  });
});

describe('DECIMAL_PATTERN', () => {
  test.each([
    '0',
    '7',
    '12',
    '12.5',
    '-3.25',
    '-0.5',
    '0.000000001',
    '1.10',
    '123456789012345678',
    '123456789012345678.123456789',
  ])('accepts %s', (value) => {
    expect(DECIMAL_PATTERN.test(value)).toBe(true);
    expect(isDecimalString(value)).toBe(true);
  });

  test.each([
    ['empty', ''],
    ['leading zero', '01'],
    ['leading zero with fraction', '01.5'],
    ['trailing point', '1.'],
    ['leading point', '.5'],
    ['plus sign', '+1'],
    ['exponent', '1e3'],
    ['capital exponent', '1E3'],
    ['leading space', ' 1'],
    ['trailing space', '1 '],
    ['thousands separator', '1,000'],
    ['ten decimals', '1.1234567890'],
    ['nineteen integer digits', '1234567890123456789'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['double minus', '--1'],
    ['hex', '0x10'],
    ['comma decimal', '1,5'],
    ['full-width digits', '１２'],
  ])('refuses %s (%j)', (_label, value) => {
    expect(isDecimalString(value)).toBe(false);
  });
});

describe('precision', () => {
  test('decimalPlaces counts only the digits a value needs', () => {
    expect(decimalPlaces('1')).toBe(0);
    expect(decimalPlaces('1.50')).toBe(1);
    expect(decimalPlaces('2.000')).toBe(0);
    expect(decimalPlaces('0.125')).toBe(3);
  });

  test.each([
    ['10', 0, true],
    ['10.000', 0, true],
    ['10.5', 0, false],
    ['10.5', 1, true],
    ['0.125', 2, false],
    ['0.125', 3, true],
    ['0.125', 6, true],
    ['-1.25', 1, false],
    ['-1.25', 2, true],
  ])('fitsPrecision(%s, %i) is %s', (value, precision, expected) => {
    expect(fitsPrecision(value, precision)).toBe(expected);
  });

  test.each([
    ['1.21', 1, '1.3'],
    ['1.2', 0, '2'],
    ['1.001', 2, '1.01'],
    ['1.000', 0, '1'],
    ['1.25', 2, '1.25'],
    ['0.0000001', 3, '0.001'],
    ['7', 3, '7'],
  ])('roundUpToPrecision(%s, %i) is %s (ceiling)', (value, precision, expected) => {
    expect(roundUpToPrecision(value, precision)).toBe(expected);
  });

  test('negatives round towards positive infinity, and -0 comes out as "0"', () => {
    expect(roundUpToPrecision('-1.25', 1)).toBe('-1.2');
    expect(roundUpToPrecision('-1.9', 0)).toBe('-1');
    expect(roundUpToPrecision('-0.4', 0)).toBe('0');
  });

  test('property: rounding up never lowers a value, fits the precision and moves less than one step', () => {
    fc.assert(
      fc.property(decimalString, fc.integer({ min: 0, max: 6 }), (value, precision) => {
        const rounded = roundUpToPrecision(value, precision);
        expect(cmpQty(rounded, value)).toBeGreaterThanOrEqual(0);
        expect(fitsPrecision(rounded, precision)).toBe(true);
        expect(cmpQty(subQty(rounded, value), `1e-${precision}`)).toBe(-1);
      }),
    );
  });
});

describe('cmpQty', () => {
  test.each([
    ['1.0', '1', 0],
    ['-1', '0', -1],
    ['0', '-1', 1],
    ['10', '9', 1],
    ['9', '10', -1],
    ['0.30', '0.3', 0],
    ['-0', '0', 0],
    ['1.000000001', '1', 1],
  ])('cmpQty(%s, %s) is %i', (a, b, expected) => {
    expect(cmpQty(a, b)).toBe(expected);
  });

  test('compares numerically, not as text', () => {
    const sorted = ['10', '9', '100', '-2', '0.5'].sort(cmpQty);
    expect(sorted).toEqual(['-2', '0.5', '9', '10', '100']);
  });
});

algebraLaws(quantityAlgebra);
