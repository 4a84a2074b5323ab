import { formatMoney, fen, lineAmount, orderTotal, parseDecimal, yuan } from './money';

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
    expect(lineAmount('2', '12.345')).toBeUndefined(); // the API takes two decimals at most
  });

  test('the total adds the computable lines without floating-point drift', () => {
    const lines = Array.from({ length: 10 }, () => ({ qty: '1', unitPrice: '0.1' }));
    expect(formatMoney(orderTotal(lines))).toBe('¥1.00');
    expect(
      formatMoney(
        orderTotal([
          { qty: '120', unitPrice: '268.5' },
          { qty: '80', unitPrice: '315.25' },
          { qty: '', unitPrice: '5' },
        ]),
      ),
    ).toBe('¥57,440.00');
    expect(formatMoney(orderTotal([]))).toBe('¥0.00');
  });
});
