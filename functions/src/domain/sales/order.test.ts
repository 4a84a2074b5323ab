import type { AppError } from '@factory/shared';
import { aCustomer, aLineInput, aSalesItem, itemsOf } from './builders.js';
import { expectOrderStatus, lineAmount, priceLines, priceToFen, totalOf } from './order.js';

const fen = (amount: number) => ({ amount, scale: 2, currency: 'CNY' as const });

describe('money to the fen', () => {
  it('reads prices from their digits', () => {
    expect(priceToFen('0')).toBe(0);
    expect(priceToFen('0.1')).toBe(10);
    expect(priceToFen('0.01')).toBe(1);
    expect(priceToFen('1999')).toBe(199900);
    expect(priceToFen('123456789.99')).toBe(12345678999);
    expect(() => priceToFen('1.234')).toThrow();
  });

  it('line amount = qty × price, half up to the fen, never through floats', () => {
    expect(lineAmount('3', '0.10')).toEqual(fen(30)); // 0.1 × 3 is 0.30000000000000004 in floats
    expect(lineAmount('2.125', '3.33')).toEqual(fen(708)); // 7.07625
    expect(lineAmount('0.005', '1')).toEqual(fen(1)); // 0.005 -> 0.01 (half up)
    expect(lineAmount('0.004', '1')).toEqual(fen(0));
    expect(lineAmount('300', '199.90')).toEqual(fen(5_997_000));
    expect(lineAmount('1.1', '0.07')).toEqual(fen(8)); // 0.077
  });

  it('a quantity with all 18 digits of the range is priced too (it was a RangeError, a 500)', () => {
    // The quantity as an integer of millionths is past 2^53; the amount is well in range.
    expect(lineAmount('12345678901.123456', '0.01')).toEqual(fen(12_345_678_901));
    expect(lineAmount('999999999999.999999', '0')).toEqual(fen(0));
  });

  it('the total is the sum of the rounded line amounts', () => {
    expect(totalOf([fen(30), fen(708), fen(199900)])).toEqual(fen(200638));
    expect(totalOf([])).toEqual(fen(0));
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
    );
    expect(r.issues).toEqual([]);
    expect(r.lines.map((l) => [l.line, l.qty, l.amount?.amount, l.trackingNo])).toEqual([
      [1, '2', 1998, undefined],
      [2, '1', 10000, 'SO-1'],
      [3, '1', 10000, 'SO-OTHER'],
    ]);
    expect(r.total).toEqual(fen(21998));
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
    const unknown = priceLines('SO-1', { code: 'X', info: undefined }, [aLineInput()], items);
    expect(unknown.issues).toEqual([{ path: ['body', 'customer'], message: '客户不存在：X' }]);
    const inactive = priceLines(
      'SO-1',
      { code: 'C1', info: aCustomer({ active: false }) },
      [aLineInput()],
      items,
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
});
