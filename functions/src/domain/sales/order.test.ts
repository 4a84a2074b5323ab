import type { AppError } from '@factory/shared';
import { aCustomer, aLineInput, aSalesItem, itemsOf } from './builders.js';
import { expectOrderStatus, priceLines } from './order.js';

const fen = (amount: number) => ({ amount, scale: 2, currency: 'CNY' as const });
const TODAY = '2026-12-01';

describe('VAT per line, to the fen', () => {
  const items = itemsOf(aSalesItem(), aSalesItem({ code: 'BOLT', unit: 'pcs' }));
  const c1 = { code: 'C1', info: aCustomer() };

  it('prices each line excluding VAT, its VAT and the amount including VAT; totals are the sums', () => {
    const r = priceLines(
      'SO-1',
      c1,
      [
        // 3 × 0.10 = 0.30 (never 0.30000000000000004); VAT 13% = 0.039 -> 0.04.
        aLineInput({ qty: '3', unitPrice: '0.10' }),
        // 1234 × 0.012345 = 15.23373 -> 15.23; VAT 6% = 0.9138 -> 0.91.
        aLineInput({ item: 'BOLT', qty: '1234', unitPrice: '0.012345', vatRate: '0.06' }),
        // 300 × 199.90 = 59,970.00; VAT 0%.
        aLineInput({ qty: '300', unitPrice: '199.90', vatRate: '0' }),
      ],
      items,
      TODAY,
    );
    expect(r.issues).toEqual([]);
    expect(r.lines.map((l) => [l.unitPrice, l.vatRate])).toEqual([
      ['0.1', '0.13'],
      ['0.012345', '0.06'],
      ['199.9', '0'],
    ]);
    expect(r.lines.map((l) => [l.amount!.amount, l.tax!.amount, l.amountWithTax!.amount])).toEqual([
      [30, 4, 34],
      [1523, 91, 1614],
      [5_997_000, 0, 5_997_000],
    ]);
    expect(r.totals).toEqual({
      total: fen(5_998_553),
      tax: fen(95),
      totalWithTax: fen(5_998_648),
    });
  });

  it('a due date before the business day is refused at its path; today is accepted', () => {
    const r = priceLines(
      'SO-1',
      c1,
      [aLineInput({ dueDate: '2026-11-30' }), aLineInput({ dueDate: TODAY })],
      items,
      TODAY,
    );
    expect(r.issues).toEqual([
      {
        path: ['body', 'lines', 0, 'dueDate'],
        message: '交货日期 2026-11-30 早于今天（2026-12-01），请选择今天或以后的日期',
      },
    ]);
    expect(r.lines.map((l) => l.dueDate)).toEqual([TODAY]);
  });
});

describe('priceLines', () => {
  const items = itemsOf(
    aSalesItem(),
    aSalesItem({ code: 'STEEL', unit: 'kg', precision: 3 }),
    aSalesItem({ code: 'FAN-X', strategy: 'mto' }),
    aSalesItem({ code: 'OLD', active: false }),
  );
  const c1 = { code: 'C1', info: aCustomer() };

  it('prices, numbers the lines and defaults MTO tracking to the order number', () => {
    const r = priceLines(
      'SO-1',
      c1,
      [
        aLineInput({ qty: '2.0', unitPrice: '9.99' }),
        aLineInput({ item: 'FAN-X', qty: '1' }),
        aLineInput({ item: 'FAN-X', trackingNo: 'SO-OTHER' }),
      ],
      items,
      TODAY,
    );
    expect(r.issues).toEqual([]);
    expect(r.lines.map((l) => [l.line, l.qty, l.amount?.amount, l.trackingNo])).toEqual([
      [1, '2', 1998, undefined],
      [2, '1', 10000, 'SO-1'],
      [3, '1', 10000, 'SO-OTHER'],
    ]);
    expect(r.totals.total).toEqual(fen(21998));
    // 13% on each line: 2.60 + 13.00 + 13.00.
    expect(r.totals.tax).toEqual(fen(2860));
    expect(r.lines[0]).toMatchObject({ itemName: '落地扇', unit: 'pcs' });
    // Nothing is delivered yet: the whole quantity is demand.
    expect(r.lines.map((l) => l.delivered)).toEqual(['0', '0', '0']);
  });

  it('reports every problem with its path: customer, unknown/inactive items, unit precision', () => {
    const r = priceLines(
      'SO-1',
      { code: 'S1', info: aCustomer({ code: 'S1', isCustomer: false }) },
      [
        aLineInput({ qty: '1.5' }),
        aLineInput({ item: 'NOPE' }),
        aLineInput({ item: 'OLD' }),
        aLineInput({ item: 'STEEL', qty: '1.2345' }),
        aLineInput({ item: 'STEEL', qty: '1.234' }),
      ],
      items,
      TODAY,
    );
    expect(r.issues.map((i) => i.path.join('.'))).toEqual([
      'body.customer',
      'body.lines.0.qty',
      'body.lines.1.item',
      'body.lines.2.item',
      'body.lines.3.qty',
    ]);
    expect(r.issues[1]!.message).toContain('整数');
    expect(r.issues[4]!.message).toContain('3 位小数');
  });

  it('an unknown or inactive customer is reported', () => {
    const unknown = priceLines(
      'SO-1',
      { code: 'X', info: undefined },
      [aLineInput()],
      items,
      TODAY,
    );
    expect(unknown.issues).toEqual([{ path: ['body', 'customer'], message: '客户不存在：X' }]);
    const inactive = priceLines(
      'SO-1',
      { code: 'C1', info: aCustomer({ active: false }) },
      [aLineInput()],
      items,
      TODAY,
    );
    expect(inactive.issues.map((i) => i.path.join('.'))).toEqual(['body.customer']);
  });
});

describe('order states', () => {
  const code = (fn: () => void) => {
    try {
      fn();
      return undefined;
    } catch (err) {
      return (err as AppError).code;
    }
  };

  it('draft and rejected are edited and submitted; draft, pending and rejected are cancelled; nothing else', () => {
    for (const status of ['draft', 'rejected'] as const) {
      expect(code(() => expectOrderStatus('SO-1', status, 'edit'))).toBeUndefined();
      expect(code(() => expectOrderStatus('SO-1', status, 'submit'))).toBeUndefined();
    }
    for (const status of ['draft', 'pending', 'rejected'] as const)
      expect(code(() => expectOrderStatus('SO-1', status, 'cancel'))).toBeUndefined();
    expect(code(() => expectOrderStatus('SO-1', 'pending', 'edit'))).toBe(
      'salesOrder.invalidState',
    );
    expect(code(() => expectOrderStatus('SO-1', 'confirmed', 'cancel'))).toBe(
      'salesOrder.invalidState',
    );
    expect(code(() => expectOrderStatus('SO-1', 'confirmed', 'submit'))).toBe(
      'salesOrder.invalidState',
    );
    expect(code(() => expectOrderStatus('SO-1', 'cancelled', 'cancel'))).toBe(
      'salesOrder.invalidState',
    );
  });

  it('only a confirmed order is closed by hand', () => {
    expect(code(() => expectOrderStatus('SO-1', 'confirmed', 'close'))).toBeUndefined();
    for (const status of ['draft', 'pending', 'rejected', 'cancelled', 'closed'] as const)
      expect(code(() => expectOrderStatus('SO-1', status, 'close'))).toBe(
        'salesOrder.invalidState',
      );
    expect(code(() => expectOrderStatus('SO-1', 'closed', 'edit'))).toBe('salesOrder.invalidState');
  });
});
