import type { AppError } from '@factory/shared';
import { aPurchaseOrder, aTaskOrder } from './builders.js';
import { addIssued, checkProductionReceipt, planPurchaseReceipt } from './receipts.js';
import type { TaskOrderFacts } from './types.js';

const wh = () => 'RM';
const req = (lines: { line: number; qty: string; warehouse?: string }[], allow = false) => ({
  purchaseOrder: 'PO-1',
  date: '2026-12-01',
  lines,
  ...(allow ? { allowOverReceipt: true } : {}),
});

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('did not throw');
}

describe('purchase receipt against an order', () => {
  const order = aPurchaseOrder({
    lines: [
      { item: 'BOLT', qty: '100', received: '30' },
      { item: 'STEEL', qty: '5.5', received: '0', trackingNo: 'SO-9' },
    ],
  });

  it('receives part of a line and carries the tracking number', () => {
    const out = planPurchaseReceipt(order, req([{ line: 2, qty: '2.25' }]), wh);
    expect(out).toEqual({
      ok: true,
      lines: [{ line: 2, item: 'STEEL', warehouse: 'RM', qty: '2.25', trackingNo: 'SO-9' }],
      received: ['30', '2.25'],
    });
  });

  it('refuses over-receipt with a stable code naming line, ordered, received and requested', () => {
    const err = thrown(() =>
      planPurchaseReceipt(
        order,
        req([
          { line: 1, qty: '50' },
          { line: 1, qty: '21' },
        ]),
        wh,
      ),
    );
    expect(err.code).toBe('receipt.overReceipt');
    expect(err.details).toEqual({
      order: 'PO-1',
      line: 1,
      item: 'BOLT',
      ordered: '100',
      received: '30',
      requested: '71',
    });
  });

  it('accepts over-receipt when allowed, and exactly the ordered quantity by default', () => {
    expect(planPurchaseReceipt(order, req([{ line: 1, qty: '70' }]), wh).ok).toBe(true);
    const over = planPurchaseReceipt(order, req([{ line: 1, qty: '80' }], true), wh);
    expect(over.ok && over.received).toEqual(['110', '0']);
  });

  it('reports unknown lines and missing warehouses by path', () => {
    const out = planPurchaseReceipt(
      order,
      req([
        { line: 3, qty: '1' },
        { line: 1, qty: '1' },
      ]),
      () => undefined,
    );
    expect(out.ok).toBe(false);
    expect(!out.ok && out.issues.map((i) => i.path)).toEqual([
      ['lines', 0, 'line'],
      ['lines', 1, 'warehouse'],
    ]);
  });

  it('refuses a cancelled order', () => {
    const err = thrown(() =>
      planPurchaseReceipt(
        aPurchaseOrder({ status: 'cancelled' }),
        req([{ line: 1, qty: '1' }]),
        wh,
      ),
    );
    expect(err.code).toBe('order.invalidState');
  });
});

describe('production receipt against a task order', () => {
  // Received 4 in the product of 10 reported good: what the order-quantity rule is about.
  const reported = (o: Partial<TaskOrderFacts> = {}) =>
    aTaskOrder({ received: '4', openingReceived: '0', reportedGood: '10', ...o });

  it('allows partial receipts up to the order quantity', () => {
    expect(checkProductionReceipt(reported(), { qty: '6' })).toEqual({ received: '10' });
  });

  it('refuses receipt beyond the order quantity unless allowed', () => {
    const err = thrown(() =>
      checkProductionReceipt(reported({ reportedGood: '11' }), { qty: '7' }),
    );
    expect(err.code).toBe('receipt.overReceipt');
    expect(err.details).toMatchObject({ ordered: '10', received: '4', requested: '7' });
    expect(err.issues?.[0]).toMatchObject({ path: ['body', 'qty'], code: 'receipt.overReceipt' });
    expect(
      checkProductionReceipt(reported({ reportedGood: '11' }), {
        qty: '7',
        allowOverReceipt: true,
      }),
    ).toEqual({ received: '11' });
  });

  it('refuses receipt beyond the good quantity reported, naming the numbers, unless allowed', () => {
    // 40 reported, 90 received: the numbers of the issue.
    const order = aTaskOrder({ qty: '100', received: '0', reportedGood: '40' });
    const err = thrown(() => checkProductionReceipt(order, { qty: '90' }));
    expect(err.code).toBe('receipt.aboveReported');
    expect(err.details).toEqual({
      order: 'MO-1',
      item: 'FAN',
      reported: '40',
      received: '0',
      opening: '0',
      requested: '90',
      receivable: '40',
    });
    expect(err.message).toContain('已报良品 40');
    expect(err.message).toContain('本次 90');
    expect(err.message).toContain('最多还能入库 40');
    expect(err.issues).toEqual([
      { path: ['body', 'qty'], message: err.message, code: 'receipt.aboveReported' },
    ]);
    expect(checkProductionReceipt(order, { qty: '40' })).toEqual({ received: '40' });
    expect(checkProductionReceipt(order, { qty: '90', allowAboveReported: true })).toEqual({
      received: '90',
    });
    // Above the reports and the order quantity: both allowances are needed.
    const over = thrown(() =>
      checkProductionReceipt(order, { qty: '101', allowAboveReported: true }),
    );
    expect(over.code).toBe('receipt.overReceipt');
    const above = thrown(() =>
      checkProductionReceipt(order, { qty: '101', allowOverReceipt: true }),
    );
    expect(above.code).toBe('receipt.aboveReported');
  });

  it('counts what was received before the product (opening) as reported', () => {
    // Imported with 30 received and no reports here: reports of 20 allow 20 more.
    const imported = aTaskOrder({ qty: '60', received: '30', reportedGood: '20' });
    expect(checkProductionReceipt(imported, { qty: '20' })).toEqual({ received: '50' });
    const err = thrown(() => checkProductionReceipt(imported, { qty: '21' }));
    expect(err.code).toBe('receipt.aboveReported');
    expect(err.details).toMatchObject({ opening: '30', received: '0', receivable: '20' });
    expect(err.message).toContain('另有期初已入库 30');
    // Once stored, the opening quantity stays what it was at the first receipt.
    const later = aTaskOrder({
      qty: '60',
      received: '45',
      openingReceived: '30',
      reportedGood: '20',
    });
    expect(checkProductionReceipt(later, { qty: '5' })).toEqual({ received: '50' });
    expect(thrown(() => checkProductionReceipt(later, { qty: '6' })).details).toMatchObject({
      received: '15',
      receivable: '5',
    });
  });

  it('adds issued quantities per item', () => {
    expect(
      addIssued(
        [{ item: 'A', qty: '1.5' }],
        [
          { item: 'B', qty: '2' },
          { item: 'A', qty: '0.25' },
        ],
      ),
    ).toEqual([
      { item: 'A', qty: '1.75' },
      { item: 'B', qty: '2' },
    ]);
  });
});
