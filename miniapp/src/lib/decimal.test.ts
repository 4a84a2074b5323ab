import { algebraLaws } from '../../../shared/src/algebra.laws';
import {
  addDecimal,
  compareDecimal,
  decimalAlgebra,
  isDecimal,
  isPositiveDecimal,
  minDecimal,
  multiplyDecimal,
  negateDecimal,
  remainingDecimal,
  roundUpDecimal,
  subtractDecimal,
} from './decimal';

describe('exact decimals', () => {
  it('compares exactly', () => {
    expect(compareDecimal('0.3', '0.30')).toBe(0);
    expect(compareDecimal('10', '9.999')).toBe(1);
    expect(compareDecimal('0.1', '0.10000001')).toBe(-1);
    expect(compareDecimal('-2', '1')).toBe(-1);
    expect(compareDecimal('-2', '-3')).toBe(1);
    expect(compareDecimal('-0', '0')).toBe(0);
    expect(compareDecimal('-0.0', '0')).toBe(0);
    expect(compareDecimal('007.50', '7.5')).toBe(0);
    expect(compareDecimal('12345678901234567890.1', '12345678901234567890.01')).toBe(1);
  });

  it('tells decimals and positive decimals', () => {
    expect(isPositiveDecimal(' 1.5 ')).toBe(true);
    expect(isPositiveDecimal('0.000')).toBe(false);
    expect(isPositiveDecimal('abc')).toBe(false);
    expect(isPositiveDecimal('-1')).toBe(false);
    expect(isPositiveDecimal('1e3')).toBe(false);
    expect(isDecimal('1.')).toBe(false);
    expect(isDecimal('.5')).toBe(false);
  });

  it.each([
    ['0.3', '0.1', '0.2'],
    ['1.005', '0.005', '1'],
    ['0.1', '0.3', '-0.2'],
    ['600', '0', '600'],
    ['100', '99.999', '0.001'],
    ['-1.5', '-1.5', '0'],
    ['-1.5', '2', '-3.5'],
    ['2', '-1.25', '3.25'],
    ['12345678901234567890.5', '0.25', '12345678901234567890.25'],
    ['9007199254740993', '1', '9007199254740992'],
    ['1000000', '0.000001', '999999.999999'],
  ])('%s - %s = %s', (a, b, diff) => {
    expect(subtractDecimal(a, b)).toBe(diff);
  });

  it.each([
    ['0.1', '0.2', '0.3'],
    ['999.999', '0.001', '1000'],
    ['-0.5', '0.5', '0'],
    ['-3', '1.25', '-1.75'],
    ['0099', '1', '100'],
  ])('%s + %s = %s', (a, b, sum) => {
    expect(addDecimal(a, b)).toBe(sum);
  });

  it.each([
    ['1485', '0.19055', '282.96675'],
    ['380', '1.005', '381.9'],
    ['0.1', '0.1', '0.01'],
    ['3', '0.333', '0.999'],
    ['-2', '0.5', '-1'],
    ['-2', '-0.5', '1'],
    ['0', '-7', '0'],
    ['123456789.123', '1000', '123456789123'],
    ['99999999999', '99999999999', '9999999999800000000001'],
  ])('%s × %s = %s', (a, b, product) => {
    expect(multiplyDecimal(a, b)).toBe(product);
  });

  it('rounds up to a precision (towards +infinity)', () => {
    expect(roundUpDecimal('381.9', 0)).toBe('382');
    expect(roundUpDecimal('282.96675', 3)).toBe('282.967');
    expect(roundUpDecimal('282.967', 3)).toBe('282.967');
    expect(roundUpDecimal('0.0001', 2)).toBe('0.01');
    expect(roundUpDecimal('9.999', 0)).toBe('10');
    expect(roundUpDecimal('4.000', 0)).toBe('4');
    expect(roundUpDecimal('-1.5', 0)).toBe('-1');
    expect(roundUpDecimal('-0.5', 0)).toBe('0');
  });

  it('keeps what remains, never below zero', () => {
    expect(remainingDecimal('600', '200')).toBe('400');
    expect(remainingDecimal('0.3', '0.1')).toBe('0.2');
    expect(remainingDecimal('10', '12.5')).toBe('0');
    expect(remainingDecimal('5', '5.000')).toBe('0');
  });

  it('negates and takes the smaller, normalised', () => {
    expect(negateDecimal('0')).toBe('0');
    expect(negateDecimal('-0.50')).toBe('0.5');
    expect(minDecimal('2.50', '3')).toBe('2.5');
    expect(minDecimal('3', '002.5')).toBe('2.5');
  });
});

// The shared law suite (a test helper: no decimal.js, no zod), against an exact oracle.
algebraLaws(decimalAlgebra);
