import type { AppError } from '@factory/shared';
import { aPurchaseOrder, aTaskOrder } from './builders.js';
import { addIssued, checkProductionReceipt, planPurchaseReceipt } from './receipts.js';

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
  it('allows partial receipts up to the order quantity', () => {
    expect(checkProductionReceipt(aTaskOrder({ received: '4' }), { qty: '6' })).toEqual({
      received: '10',
    });
  });

  it('refuses receipt beyond the order quantity unless allowed', () => {
    const err = thrown(() => checkProductionReceipt(aTaskOrder({ received: '4' }), { qty: '7' }));
    expect(err.code).toBe('receipt.overReceipt');
    expect(err.details).toMatchObject({ ordered: '10', received: '4', requested: '7' });
    expect(
      checkProductionReceipt(aTaskOrder({ received: '4' }), { qty: '7', allowOverReceipt: true }),
    ).toEqual({ received: '11' });
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
