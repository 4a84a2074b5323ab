import { moneyLaws } from '../../../shared/src/algebra.laws';
import {
  AMOUNT_RANGE_MESSAGE,
  checkLine,
  formatMoney,
  fen,
  lineAmount,
  moneyAlgebra,
  orderTotal,
  parseDecimal,
  PRICE_RANGE_MESSAGE,
  QTY_RANGE_MESSAGE,
  TOTAL_RANGE_MESSAGE,
  yuan,
} from './money';

describe('money in the mini-program', () => {
  test('parses decimal text into an integer and a scale', () => {
    expect(parseDecimal('12.50')).toEqual({ amount: 1250, scale: 2 });
    expect(parseDecimal('7')).toEqual({ amount: 7, scale: 0 });
    expect(parseDecimal(' 0.125 ')).toEqual({ amount: 125, scale: 3 });
    for (const bad of ['', 'abc', '1.2.3', '-1', '1e3', '.5', '1,000'])
      expect(parseDecimal(bad)).toBeUndefined();
    expect(parseDecimal('99999999999999999999')).toBeUndefined();
  });

  test('formats as ¥1,234.56 with grouping and two decimals', () => {
    expect(formatMoney(fen(123456))).toBe('¥1,234.56');
    expect(formatMoney(fen(0))).toBe('¥0.00');
    expect(formatMoney(fen(5))).toBe('¥0.05');
    expect(formatMoney(fen(100000000))).toBe('¥1,000,000.00');
    expect(formatMoney(fen(-123456))).toBe('-¥1,234.56');
    expect(formatMoney(yuan('12')!)).toBe('¥12.00');
    expect(formatMoney(yuan('0.5')!)).toBe('¥0.50');
  });

  test('a line is qty × unit price, exact, rounded half up to the fen', () => {
    expect(formatMoney(lineAmount('3', '0.1')!)).toBe('¥0.30');
    expect(formatMoney(lineAmount('0.1', '0.2')!)).toBe('¥0.02');
    expect(formatMoney(lineAmount('1.5', '0.01')!)).toBe('¥0.02'); // 0.015 -> 0.02
    expect(formatMoney(lineAmount('1.4', '0.01')!)).toBe('¥0.01'); // 0.014 -> 0.01
    expect(formatMoney(lineAmount('0.333', '9.99')!)).toBe('¥3.33'); // 3.32667 -> 3.33
    expect(formatMoney(lineAmount('200', '268.50')!)).toBe('¥53,700.00');
    expect(lineAmount('', '1')).toBeUndefined();
    expect(lineAmount('2', 'x')).toBeUndefined();
    expect(lineAmount('2', '12.3456789')).toBeUndefined(); // the API takes six decimals at most
  });

  test('the total adds the computable lines without floating-point drift', () => {
    const total = (lines: { qty: string; unitPrice: string }[]) =>
      formatMoney(orderTotal(lines).total!);
    const lines = Array.from({ length: 10 }, () => ({ qty: '1', unitPrice: '0.1' }));
    expect(total(lines)).toBe('¥1.00');
    expect(
      total([
        { qty: '120', unitPrice: '268.5' },
        { qty: '80', unitPrice: '315.25' },
        { qty: '', unitPrice: '5' },
      ]),
    ).toBe('¥57,440.00');
    expect(total([])).toBe('¥0.00');
  });

  test('a huge quantity is a field error under the quantity, never a wrong total', () => {
    // 15 digits × ¥1: once in fen past 2^53, which used to show a rounded number.
    expect(checkLine('999999999999999', '1')).toEqual({ errors: { qty: QTY_RANGE_MESSAGE } });
    expect(checkLine('99999999999999999999', '12.5').errors.qty).toBe(QTY_RANGE_MESSAGE);
    expect(checkLine('1.1234567', '1').errors.qty).toBe(QTY_RANGE_MESSAGE);
    expect(checkLine('2', '12.3456789').errors.unitPrice).toBe(PRICE_RANGE_MESSAGE);
    expect(checkLine('2', '1000000000.001').errors.unitPrice).toBe(PRICE_RANGE_MESSAGE);
    // Six decimals are a price: 2 × 12.345678 = 24.691356 -> 24.69.
    expect(formatMoney(checkLine('2', '12.345678').amount!)).toBe('¥24.69');
    // In range each, but the amount is past ¥99,999,999,999.99.
    expect(checkLine('999999999999', '199.90')).toEqual({ errors: { qty: AMOUNT_RANGE_MESSAGE } });
    expect(
      orderTotal([
        { qty: '1', unitPrice: '1' },
        { qty: '999999999999999', unitPrice: '1' },
      ]),
    ).toEqual({});
  });

  test('amounts up to the largest are exact, however many digits the quantity has', () => {
    expect(formatMoney(lineAmount('1', '99999999999.99')!)).toBe('¥99,999,999,999.99');
    // 999,999,999,999.999999 × ¥0.01 = 9,999,999,999.99999999 -> ¥10,000,000,000.00
    expect(formatMoney(lineAmount('999999999999.999999', '0.01')!)).toBe('¥10,000,000,000.00');
    expect(formatMoney(lineAmount('0.000005', '1000')!)).toBe('¥0.01'); // 0.005 -> 0.01
    expect(checkLine('abc', '1')).toEqual({ errors: {} }); // not a number yet: the API says so
  });

  test('a total past the largest amount says so instead of a number', () => {
    const half = { qty: '1', unitPrice: '50000000000' };
    expect(orderTotal([half, half])).toEqual({ error: TOTAL_RANGE_MESSAGE });
    expect(formatMoney(orderTotal([half]).total!)).toBe('¥50,000,000,000.00');
  });
});

// The shared money laws (a test helper: no decimal.js, no zod): the phone's amounts, totals
// and texts are the server's.
moneyLaws(moneyAlgebra);
