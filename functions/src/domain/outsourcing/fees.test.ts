import { aPriceEntry } from '../purchasing/builders.js';
import { accruedFee, orderProcessingPrice, processingFee } from './fees.js';

const W1 = (over: Parameters<typeof aPriceEntry>[0]) =>
  aPriceEntry({ supplier: 'W1', item: 'SA1', ...over });

describe('the order processing price', () => {
  const entries = [
    W1({ unitPrice: '2.5', minQty: '0', effectiveFrom: '2026-01-01' }),
    W1({ unitPrice: '2.2', minQty: '100', effectiveFrom: '2026-01-01' }),
    W1({ unitPrice: '2.0', minQty: '100', effectiveFrom: '2026-12-01' }),
  ];

  test('is the break of the order quantity in force on the order date', () => {
    const order = { supplier: 'W1', item: 'SA1', qty: '120', date: '2026-11-15' };
    expect(orderProcessingPrice(entries, order)).toBe('2.2');
    expect(orderProcessingPrice(entries, { ...order, qty: '99' })).toBe('2.5');
    expect(orderProcessingPrice(entries, { ...order, date: '2026-12-01' })).toBe('2');
  });

  test('is undefined without an entry in force for that subcontractor and item', () => {
    const order = { supplier: 'W2', item: 'SA1', qty: '120', date: '2026-11-15' };
    expect(orderProcessingPrice(entries, order)).toBeUndefined();
    expect(orderProcessingPrice(entries, { ...order, supplier: 'W1', date: '2025-12-31' })).toBe(
      undefined,
    );
  });
});

test('a receipt accrues qty × price half up to the fen; returns take theirs back', () => {
  expect(processingFee('3', '0.335')).toEqual({ amount: 101, scale: 2, currency: 'CNY' });
  expect(processingFee('50', '2.2')).toEqual({ amount: 11000, scale: 2, currency: 'CNY' });
  expect(
    accruedFee([
      { kind: 'send' },
      { kind: 'receipt', fee: processingFee('50', '2.2') },
      { kind: 'receipt', fee: processingFee('70', '2.2') },
      { kind: 'productReturn', fee: processingFee('5', '2.2') },
    ]),
  ).toEqual({ amount: 25300, scale: 2, currency: 'CNY' });
});
