import type { AppError, PurchaseOrderLine } from '@factory/shared';
import { lineAmounts, orderTotals } from '../pricing/index.js';
import {
  aPriceEntry,
  aPurchaseItem,
  aPurchaseLine,
  aSupplier,
  purchaseItemsOf,
} from './builders.js';
import {
  closeLine,
  expectCancellable,
  expectPurchaseStatus,
  priceLines,
  statusAfterEdit,
} from './order.js';
import { lookupPrice } from './priceList.js';

const fen = (amount: number) => ({ amount, scale: 2, currency: 'CNY' as const });
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'none';
};

describe('price list lookup', () => {
  const entries = [
    aPriceEntry({ unitPrice: '5.000000' }),
    aPriceEntry({ minQty: '100', unitPrice: '4.8' }),
    aPriceEntry({ minQty: '500', unitPrice: '4.5' }),
    aPriceEntry({ minQty: '0', unitPrice: '5.2', effectiveFrom: '2026-07-01' }),
    aPriceEntry({ item: 'OTHER', unitPrice: '1' }),
    aPriceEntry({ supplier: 'S2', unitPrice: '2' }),
    aPriceEntry({ minQty: '1000', unitPrice: '4', effectiveTo: '2026-03-31' }),
  ];
  const at = (q: string, date: string) =>
    lookupPrice(entries, { supplier: 'S1', item: 'STEEL', qty: q, date })?.unitPrice;

  it('takes the highest quantity break not above the quantity', () => {
    expect(at('10', '2026-05-01')).toBe('5');
    expect(at('99.999', '2026-05-01')).toBe('5');
    expect(at('100', '2026-05-01')).toBe('4.8');
    expect(at('499', '2026-05-01')).toBe('4.8');
    expect(at('500', '2026-05-01')).toBe('4.5');
  });

  it('keeps to the effective window (both ends inclusive), the latest start winning', () => {
    expect(at('1000', '2026-03-31')).toBe('4');
    expect(at('1000', '2026-04-01')).toBe('4.5');
    expect(at('1', '2026-06-30')).toBe('5');
    expect(at('1', '2026-07-01')).toBe('5.2');
    expect(at('1', '2025-12-31')).toBeUndefined();
  });

  it('is per supplier and item', () => {
    expect(
      lookupPrice(entries, { supplier: 'S2', item: 'STEEL', qty: '1', date: '2026-05-01' })
        ?.unitPrice,
    ).toBe('2');
    expect(
      lookupPrice(entries, { supplier: 'S3', item: 'STEEL', qty: '1', date: '2026-05-01' }),
    ).toBeUndefined();
  });
});

describe('line amounts to the fen', () => {
  it('rounds the amount and the tax half up, per line; incl. = excl. + tax exactly', () => {
    // 3 × 0.333333 = 0.999999 -> 1.00; tax 0.13
    expect(lineAmounts('3', '0.333333', '0.13')).toEqual({
      amount: fen(100),
      tax: fen(13),
      amountWithTax: fen(113),
    });
    // 7 × 1.05 = 7.35; tax 0.9555 -> 0.96 (half up)
    expect(lineAmounts('7', '1.05', '0.13')).toEqual({
      amount: fen(735),
      tax: fen(96),
      amountWithTax: fen(831),
    });
    // 0.005 -> 0.01 (half up, never banker's)
    expect(lineAmounts('1', '0.005', '0')?.amount).toEqual(fen(1));
    expect(lineAmounts('1', '0.004999', '0')?.amount).toEqual(fen(0));
    // 0.1 × 3 in floats is 0.30000000000000004
    expect(lineAmounts('3', '0.1', '0.06')).toEqual({
      amount: fen(30),
      tax: fen(2),
      amountWithTax: fen(32),
    });
  });

  it('refuses amounts beyond the range', () => {
    expect(lineAmounts('999999999999', '99999999999', '0.13')).toBeUndefined();
    expect(lineAmounts('1', '99999999999.99', '0.13')).toBeUndefined(); // in range without tax
  });

  it('order totals are the sums of the rounded lines, to the cent', () => {
    const lines = ['0.333333', '0.333333', '0.333334'].map((p) => lineAmounts('1', p, '0.13')!);
    // Each line is 0.33 (+0.04 tax): the total is what the lines show, not 1.00 × 1.13.
    expect(orderTotals(lines)).toEqual({
      total: fen(99),
      tax: fen(12),
      totalWithTax: fen(111),
    });
    expect(orderTotals([])).toEqual({ total: fen(0), tax: fen(0), totalWithTax: fen(0) });
  });
});

describe('priceLines', () => {
  const items = purchaseItemsOf(
    aPurchaseItem(),
    aPurchaseItem({ code: 'BOLT', unit: 'pcs', precision: 0 }),
    aPurchaseItem({ code: 'OLD', active: false }),
    aPurchaseItem({ code: 'PANEL', customerSupplied: 'C1' }),
  );
  const s1 = { code: 'S1', info: aSupplier() };
  const prices = [
    aPriceEntry(),
    aPriceEntry({ minQty: '100', unitPrice: '4.8', vatRate: '0.09' }),
    aPriceEntry({ item: 'BOLT', unitPrice: '0.012345' }),
  ];

  it('prices from the list by break, typed prices win, VAT defaults to 13%', () => {
    const r = priceLines(
      s1,
      [
        aPurchaseLine({ qty: '10' }),
        aPurchaseLine({ qty: '100.5' }),
        aPurchaseLine({ qty: '10', unitPrice: '6.1', vatRate: '0.03' }),
        aPurchaseLine({ item: 'BOLT', qty: '1000' }),
      ],
      items,
      prices,
      '2026-05-01',
    );
    expect(r.issues).toEqual([]);
    expect(
      r.lines.map((l) => [
        l.line,
        l.unitPrice,
        l.priceSource,
        l.vatRate,
        l.amount?.amount,
        l.tax?.amount,
        l.amountWithTax?.amount,
      ]),
    ).toEqual([
      [1, '5', 'priceList', '0.13', 5000, 650, 5650],
      [2, '4.8', 'priceList', '0.09', 48240, 4342, 52582], // tax 434.16 -> 43.42 yuan
      [3, '6.1', 'manual', '0.03', 6100, 183, 6283],
      [4, '0.012345', 'priceList', '0.13', 1235, 161, 1396], // 12.345 -> 12.35; 1.6055 -> 1.61
    ]);
    expect(r.totals).toEqual({
      total: fen(5000 + 48240 + 6100 + 1235),
      tax: fen(650 + 4342 + 183 + 161),
      totalWithTax: fen(5650 + 52582 + 6283 + 1396),
    });
  });

  it('names every bad field', () => {
    const r = priceLines(
      { code: 'C9', info: aSupplier({ code: 'C9', isSupplier: false }) },
      [
        aPurchaseLine({ item: 'NOPE' }),
        aPurchaseLine({ item: 'OLD' }),
        aPurchaseLine({ item: 'BOLT', qty: '1.5' }),
        aPurchaseLine({ qty: '1' }),
      ],
      items,
      prices,
      '2026-05-01',
    );
    expect(r.issues.map((i) => i.path.join('.'))).toEqual([
      'body.supplier',
      'body.lines.0.item',
      'body.lines.1.item',
      'body.lines.2.qty',
      'body.lines.3.unitPrice', // C9 has no price list
    ]);
    expect(
      priceLines({ code: 'S9', info: undefined }, [], items, prices, '2026-05-01').issues[0]
        ?.message,
    ).toContain('供应商不存在');
    expect(
      priceLines(
        { code: 'S1', info: aSupplier({ active: false }) },
        [],
        items,
        prices,
        '2026-05-01',
      ).issues[0]?.message,
    ).toContain('已停用');
  });

  it('refuses a customer-supplied item: it is asked of the customer, never bought', () => {
    const r = priceLines(s1, [aPurchaseLine({ item: 'PANEL' })], items, prices, '2026-05-01');
    expect(r.issues).toEqual([
      {
        path: ['body', 'lines', 0, 'item'],
        message: '物料 PANEL 是客户 C1 的客供料，向客户要料，不采购',
      },
    ]);
  });

  it('keeps what receipts and closing recorded on an edit', () => {
    const before = priceLines(
      s1,
      [aPurchaseLine(), aPurchaseLine({ item: 'BOLT', qty: '5' })],
      items,
      prices,
      '2026-05-01',
    ).lines;
    const stored: PurchaseOrderLine[] = [
      { ...before[0]!, received: '4' },
      { ...before[1]!, closed: true },
    ];
    const bad = priceLines(
      s1,
      [aPurchaseLine({ item: 'BOLT', qty: '3' })],
      items,
      prices,
      '2026-05-01',
      stored,
    );
    expect(bad.issues.map((i) => i.path.join('.'))).toEqual(['body.lines', 'body.lines.0.item']);
    const less = priceLines(
      s1,
      [aPurchaseLine({ qty: '3' }), aPurchaseLine({ item: 'BOLT' })],
      items,
      prices,
      '2026-05-01',
      stored,
    );
    expect(less.issues.map((i) => i.path.join('.'))).toEqual(['body.lines.0.qty']);
    const ok = priceLines(
      s1,
      [aPurchaseLine({ qty: '20' }), aPurchaseLine({ item: 'BOLT', qty: '99' })],
      items,
      prices,
      '2026-05-01',
      stored,
    );
    expect(ok.issues).toEqual([]);
    expect(ok.lines[0]).toMatchObject({ qty: '20', received: '4' });
    expect(ok.lines[1]).toBe(stored[1]); // closed: unchanged
  });
});

describe('the order states', () => {
  it('allows each action only in its states', () => {
    expect(codeOf(() => expectPurchaseStatus('PO1', 'draft', 'submit'))).toBe('none');
    expect(codeOf(() => expectPurchaseStatus('PO1', 'open', 'submit'))).toBe(
      'purchaseOrder.invalidState',
    );
    expect(codeOf(() => expectPurchaseStatus('PO1', 'pending', 'edit'))).toBe(
      'purchaseOrder.invalidState',
    );
    expect(codeOf(() => expectPurchaseStatus('PO1', 'closed', 'edit'))).toBe(
      'purchaseOrder.invalidState',
    );
    expect(codeOf(() => expectPurchaseStatus('PO1', 'cancelled', 'cancel'))).toBe(
      'purchaseOrder.invalidState',
    );
    expect(codeOf(() => expectPurchaseStatus('PO1', 'draft', 'closeLine'))).toBe(
      'purchaseOrder.invalidState',
    );
  });

  it('an open order with receipts is not cancelled', () => {
    const line = { line: 1, item: 'X', qty: '5', received: '0', dueDate: '2026-12-01' };
    expect(codeOf(() => expectCancellable('PO1', 'open', [line]))).toBe('none');
    expect(codeOf(() => expectCancellable('PO1', 'open', [{ ...line, received: '1' }]))).toBe(
      'purchaseOrder.invalidState',
    );
  });

  it('an edit of an open order needs approval again only above the approved amount', () => {
    expect(statusAfterEdit('rejected', 100, 50)).toBe('draft');
    expect(statusAfterEdit('open', 100, 100)).toBe('open');
    expect(statusAfterEdit('open', 100, 101)).toBe('draft');
    expect(statusAfterEdit('open', undefined, 101)).toBe('open'); // released / imported
  });

  it('closes a line; the order closes when every line is closed or received', () => {
    const lines = [
      { line: 1, item: 'X', qty: '5', received: '5', dueDate: '2026-12-01' },
      { line: 2, item: 'Y', qty: '5', received: '2', dueDate: '2026-12-01' },
      { line: 3, item: 'Z', qty: '5', received: '0', dueDate: '2026-12-01' },
    ];
    const a = closeLine('PO1', 'open', lines, 2, 'T');
    expect(a.status).toBe('open');
    expect(a.lines[1]).toMatchObject({ closed: true, closedAt: 'T' });
    const b = closeLine('PO1', 'open', a.lines, 3, 'T');
    expect(b.status).toBe('closed');
    expect(codeOf(() => closeLine('PO1', 'open', a.lines, 2, 'T'))).toBe(
      'purchaseOrder.invalidState',
    );
    expect(codeOf(() => closeLine('PO1', 'open', lines, 4, 'T'))).toBe('request.invalid');
    expect(codeOf(() => closeLine('PO1', 'draft', lines, 1, 'T'))).toBe(
      'purchaseOrder.invalidState',
    );
  });
});
