import {
  checkPurchaseLine,
  listPrice,
  percentToRate,
  purchaseTotals,
  rateToPercent,
} from './purchase';

describe('purchase lines on the phone', () => {
  test('amount, tax and amount incl. VAT per line, half up to the fen, as the API computes them', () => {
    // 12.5 × 5.25 = 65.625 -> 65.63; × 13% = 8.5319 -> 8.53
    expect(checkPurchaseLine('12.5', '5.25', '13').amounts).toEqual({
      amount: 6563,
      tax: 853,
      withTax: 7416,
    });
    // 1000 × 0.012345 = 12.345 -> 12.35; × 9% = 1.1115 -> 1.11
    expect(checkPurchaseLine('1000', '0.012345', '9').amounts).toEqual({
      amount: 1235,
      tax: 111,
      withTax: 1346,
    });
    expect(purchaseTotals([{ amount: 6563, tax: 853, withTax: 7416 }, undefined])).toEqual({
      amount: 6563,
      tax: 853,
      withTax: 7416,
    });
  });

  test('out-of-range numbers are named under their field; half-typed text is left to the API', () => {
    expect(checkPurchaseLine('1', '0.1234567', '13').errors.unitPrice).toBe('单价最多六位小数');
    expect(checkPurchaseLine('1', '1', '100').errors.vatRate).toContain('百分数');
    expect(checkPurchaseLine('', '1.', '13')).toEqual({ errors: {} });
  });

  test('percent and rate', () => {
    expect(percentToRate('13')).toBe('0.13');
    expect(percentToRate('6.5')).toBe('0.065');
    expect(rateToPercent('0.09')).toBe('9');
  });

  test('the list price: effective on the date, highest break at or below the quantity', () => {
    const entries = [
      { unitPrice: '5', minQty: '0', effectiveFrom: '2026-01-01' },
      { unitPrice: '4.8', minQty: '100', effectiveFrom: '2026-01-01', vatRate: '0.09' },
      { unitPrice: '3', minQty: '1000', effectiveFrom: '2026-01-01', effectiveTo: '2026-11-30' },
      { unitPrice: '4.9', minQty: '0', effectiveFrom: '2026-06-01' },
    ];
    expect(listPrice(entries, '99', '2026-12-01')?.unitPrice).toBe('4.9');
    expect(listPrice(entries, '100', '2026-12-01')?.unitPrice).toBe('4.8');
    expect(listPrice(entries, '2000', '2026-12-01')?.unitPrice).toBe('4.8');
    expect(listPrice(entries, '2000', '2026-11-30')?.unitPrice).toBe('3');
    expect(listPrice(entries, '1', '2025-12-31')).toBeUndefined();
  });
});
