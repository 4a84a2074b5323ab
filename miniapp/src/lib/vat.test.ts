import { toSnapshot } from 'dinero.js';
import { AMOUNT_RANGE_MESSAGE, type Money, TOTAL_RANGE_MESSAGE } from './money';
import {
  checkVatLine,
  orderVatTotals,
  percentToRate,
  rateToPercent,
  VAT_RANGE_MESSAGE,
} from './vat';

const fenOf = (m: Money | undefined) => (m ? toSnapshot(m).amount : undefined);

describe('VAT on the phone, as the API computes it', () => {
  test('rates typed in percent are sent as fractions and shown back', () => {
    expect(['13', '9', '6', '9.5', '0', '3.25'].map(percentToRate)).toEqual([
      '0.13',
      '0.09',
      '0.06',
      '0.095',
      '0',
      '0.0325',
    ]);
    for (const bad of ['100', '-1', '13%', '1.234', 'abc', ''])
      expect(percentToRate(bad)).toBeUndefined();
    expect(['0.13', '0.095', '0'].map(rateToPercent)).toEqual(['13', '9.5', '0']);
  });

  test('a line: excluding VAT, VAT and including VAT, each half up to the fen', () => {
    // 7 × 123.456789 = 864.197523 -> 864.20; 13% = 112.346 -> 112.35.
    const l = checkVatLine('7', '123.456789', '13');
    expect([fenOf(l.amount), fenOf(l.tax), fenOf(l.amountWithTax)]).toEqual([86420, 11235, 97655]);
    // 1234 × 0.012345 = 15.23373 -> 15.23; 6% = 0.9138 -> 0.91.
    const m = checkVatLine('1234', '0.012345', '6');
    expect([fenOf(m.amount), fenOf(m.tax), fenOf(m.amountWithTax)]).toEqual([1523, 91, 1614]);
    expect(checkVatLine('2', '10', '150').errors.vatRate).toBe(VAT_RANGE_MESSAGE);
    // In range excluding VAT, past the largest amount with it.
    expect(checkVatLine('1', '99999999999.99', '13').errors.qty).toBe(AMOUNT_RANGE_MESSAGE);
    expect(checkVatLine('1', '99999999999.99', '0').errors).toEqual({});
  });

  test('totals are the sums of the lines; none while a line is wrong', () => {
    const t = orderVatTotals([
      { qty: '7', unitPrice: '123.456789', vatRate: '13' },
      { qty: '1234', unitPrice: '0.012345', vatRate: '6' },
      { qty: '', unitPrice: '', vatRate: '13' },
    ]);
    expect([fenOf(t.total), fenOf(t.tax), fenOf(t.totalWithTax)]).toEqual([87943, 11326, 99269]);
    expect(orderVatTotals([{ qty: '1', unitPrice: '1', vatRate: 'x' }])).toEqual({});
    const half = { qty: '1', unitPrice: '50000000000', vatRate: '0' };
    expect(orderVatTotals([half, half]).error).toBe(TOTAL_RANGE_MESSAGE);
  });
});
