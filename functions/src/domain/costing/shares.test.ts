import { lineAmountFen } from '@factory/shared';
import { divHalfUp, fenOf, qtyText, scaledQty, shares, unitCostText, yuanText } from './shares.js';

describe('rule 1: shares to the cent', () => {
  test('1550.00 over 28, 20, 1 and 101 (hand-worked: the SCENARIO RM1)', () => {
    // 155000 × 28 / 150 = 28933.33…, × 20 = 20666.66…, × 1 = 1033.33…, × 101 = 104366.66…
    // floors sum to 154998; the two fen left go to the largest remainders (.666 each: the
    // second and the last line).
    const out = shares(
      155_000n,
      [28n, 20n, 1n, 101n].map((q) => scaledQty(q.toString())),
    );
    expect(out).toEqual([28_933n, 20_667n, 1_033n, 104_367n]);
    expect(out!.reduce((a, b) => a + b)).toBe(155_000n);
  });

  test('ties go to the earlier line; a negative weight counts as zero', () => {
    expect(shares(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(shares(100n, [1n, -5n, 2n])).toEqual([33n, 0n, 67n]);
  });

  test('a zero total shares nothing: zero amount gives zeros, anything else undefined', () => {
    expect(shares(0n, [0n, 0n])).toEqual([0n, 0n]);
    expect(shares(5n, [0n, -1n])).toBeUndefined();
  });

  test('refuses a negative amount', () => {
    expect(() => shares(-1n, [1n])).toThrow(RangeError);
  });
});

describe('exact amounts', () => {
  test('qty × price is rounded half up once (the shared lineAmountFen the engine uses)', () => {
    expect(lineAmountFen('3', '0.335')).toBe(101); // 1.005 → 1.01
    expect(lineAmountFen('0.1', '0.05')).toBe(1); // 0.005 → 0.01
    expect(lineAmountFen('50', '11.00')).toBe(55_000);
    expect(lineAmountFen('1.5', '0.333333')).toBe(50); // 0.4999995 → 0.50
  });

  test('half up rounds away from zero for negatives', () => {
    expect(divHalfUp(5n, 10n)).toBe(1n);
    expect(divHalfUp(-5n, 10n)).toBe(-1n);
    expect(divHalfUp(4n, 10n)).toBe(0n);
  });

  test('unit costs have four decimals, half up; none without quantity', () => {
    expect(unitCostText(153_933n, scaledQty('10'))).toBe('153.9330');
    expect(unitCostText(155_000n, scaledQty('150'))).toBe('10.3333');
    expect(unitCostText(200n, scaledQty('3'))).toBe('0.6667');
    expect(unitCostText(1n, 0n)).toBeNull();
  });

  test('texts round-trip', () => {
    expect(yuanText(fenOf('1043.67'))).toBe('1043.67');
    expect(yuanText(-5n)).toBe('-0.05');
    expect(qtyText(scaledQty('0.3'))).toBe('0.3');
  });
});
