import { customerStockColumn, customerStockTotals } from './customerStock.js';

type M = Parameters<typeof customerStockTotals>[0][number];
const move = (over: Partial<M>): M => ({
  item: 'PANEL',
  customer: 'C1',
  qty: '1',
  docKind: 'receipt',
  reason: 'customerSupplied',
  ...over,
});

describe('customerStockColumn', () => {
  test('receipts from the customer (and opening stock) are received', () => {
    expect(customerStockColumn(move({}))).toBe('received');
    expect(customerStockColumn(move({ reason: 'opening' }))).toBe('received');
  });

  test('issues to orders and returns from them are issued; back to the customer is returned', () => {
    expect(customerStockColumn(move({ docKind: 'issue', taskOrder: 'MO-1' }))).toBe('issued');
    expect(customerStockColumn(move({ reason: 'return', taskOrder: 'MO-1' }))).toBe('issued');
    expect(customerStockColumn(move({ docKind: 'issue', reason: 'returnToCustomer' }))).toBe(
      'returned',
    );
  });

  test('counts and scrap adjust; transfers between CS warehouses count nowhere', () => {
    expect(customerStockColumn(move({ docKind: 'adjustment', reason: undefined }))).toBe(
      'adjusted',
    );
    expect(customerStockColumn(move({ docKind: 'issue', reason: 'scrap' }))).toBe('adjusted');
    expect(customerStockColumn(move({ docKind: 'transfer' }))).toBeUndefined();
  });
});

describe('customerStockTotals', () => {
  test('sums per customer and item, exactly; on hand from the balances, requests summed', () => {
    const totals = customerStockTotals(
      [
        move({ qty: '40.1' }),
        move({ qty: '0.2' }),
        move({ docKind: 'issue', reason: 'production', taskOrder: 'MO-1', qty: '-20' }),
        move({ reason: 'return', taskOrder: 'MO-1', qty: '2' }),
        move({ docKind: 'issue', reason: 'returnToCustomer', qty: '-5' }),
        move({ docKind: 'adjustment', reason: undefined, qty: '-0.3' }),
        move({ customer: 'C2', qty: '10' }),
        move({ customer: undefined, qty: '99' }),
      ],
      [
        { item: 'PANEL', customer: 'C1', qty: '17' },
        { item: 'PANEL', customer: 'C2', qty: '10' },
        { item: 'PANEL', qty: '99' },
      ],
      [{ customer: 'C1', item: 'LABEL' }],
      [
        { customer: 'C1', item: 'LABEL', qty: '30' },
        { customer: 'C1', item: 'LABEL', qty: '2.5' },
      ],
    );
    expect(totals).toEqual([
      {
        customer: 'C1',
        item: 'LABEL',
        received: '0',
        issued: '0',
        returned: '0',
        adjusted: '0',
        onHand: '0',
        requested: '32.5',
      },
      {
        customer: 'C1',
        item: 'PANEL',
        received: '40.3',
        issued: '18',
        returned: '5',
        adjusted: '-0.3',
        onHand: '17',
        requested: '0',
      },
      {
        customer: 'C2',
        item: 'PANEL',
        received: '10',
        issued: '0',
        returned: '0',
        adjusted: '0',
        onHand: '10',
        requested: '0',
      },
    ]);
  });
});
