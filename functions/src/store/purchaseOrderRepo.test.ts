import type { PurchaseOrder } from '@factory/shared';
import { purchaseOrderRepo, toPurchaseOrderDocument } from './purchaseOrderRepo.js';

const repo = purchaseOrderRepo({ db: undefined as never, tableName: 'T' }, 'ww1');
const fen = (amount: number) => ({ amount, scale: 2, currency: 'CNY' as const });

describe('purchaseOrderRepo', () => {
  it('maps imported and released orders: open, no prices, zero totals', () => {
    const imported = toPurchaseOrderDocument({
      no: 'PO-1',
      supplier: 'S1',
      source: { importId: 'i1', at: '2026-11-25T00:00:00.000Z', by: 'admin' },
      lines: [{ item: 'STEEL', qty: '30', dueDate: '2026-12-15' }],
    });
    expect(imported).toEqual({
      no: 'PO-1',
      origin: 'import',
      supplier: 'S1',
      status: 'open',
      lines: [{ line: 1, item: 'STEEL', qty: '30', received: '0', dueDate: '2026-12-15' }],
      total: fen(0),
      tax: fen(0),
      totalWithTax: fen(0),
      version: 1,
    });
    const released = toPurchaseOrderDocument({
      no: 'PO-2',
      supplier: 'S1',
      status: 'open',
      source: { mrpRun: 'r1', plannedOrders: ['p1'] },
      lines: [{ item: 'STEEL', qty: '5', received: '2', dueDate: '2026-12-15' }],
    });
    expect(released.origin).toBe('mrp');
    expect(released.lines[0]!.received).toBe('2');
    // Receipts say 'received' when every line is in; imports may say 'completed'.
    expect(toPurchaseOrderDocument({ no: 'P', status: 'received', lines: [] }).status).toBe(
      'closed',
    );
    expect(toPurchaseOrderDocument({ no: 'P', status: 'completed', lines: [] }).status).toBe(
      'closed',
    );
  });

  it('guards every write by rev, which receipts bump too, and keeps the approved amount', () => {
    const order = { no: 'PO-3', version: 2 } as PurchaseOrder;
    const fresh = repo.put(order, undefined);
    expect(fresh.Put!.ConditionExpression).toBe('attribute_not_exists(#pk)');
    expect(fresh.Put!.Item).toMatchObject({ rev: 1, kind: 'purchaseOrder' });

    const never = repo.put(order, { order, rev: undefined, approvedTotalFen: undefined });
    expect(never.Put!.ConditionExpression).toBe(
      'attribute_exists(#pk) AND attribute_not_exists(#rev)',
    );

    const after = repo.put(order, { order, rev: 4, approvedTotalFen: 5000 });
    expect(after.Put!.ConditionExpression).toBe('#rev = :v0');
    expect(after.Put!.ExpressionAttributeValues).toEqual({ ':v0': 4 });
    expect(after.Put!.Item).toMatchObject({ rev: 5, approvedTotalFen: 5000 });
    expect(after.onConditionFailed!(undefined).code).toBe('resource.versionConflict');

    const approved = repo.put(
      order,
      { order, rev: 4, approvedTotalFen: 5000 },
      {
        approvedTotalFen: 9000,
      },
    );
    expect(approved.Put!.Item).toMatchObject({ approvedTotalFen: 9000 });
  });
});
