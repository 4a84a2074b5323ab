import type { SalesOrder } from '@factory/shared';
import { salesOrderRepo } from './salesOrderRepo.js';

// Records as the store returns them (numbers as exact text), mapped without a database.
const repo = salesOrderRepo({ db: undefined as never, tableName: 'T' }, 'ww1');

describe('salesOrderRepo', () => {
  it('maps an imported order: no draft state, no prices, counts as confirmed', () => {
    const o = repo.toSalesOrder({
      pk: 'T#ww1#SO#SO-1',
      sk: '#',
      type: 'salesOrder',
      no: 'SO-1',
      status: 'open',
      customer: 'C1',
      source: { importId: 'i1', at: '2026-11-25T00:00:00.000Z', by: 'admin' },
      lines: [
        { item: 'FAN', qty: '30', dueDate: '2026-12-15' },
        { item: 'FAN', qty: '8', delivered: '3', dueDate: '2026-12-16' },
      ],
    });
    expect(o).toEqual({
      no: 'SO-1',
      origin: 'import',
      customer: 'C1',
      status: 'confirmed',
      // What was delivered: as the file said, else nothing.
      lines: [
        { line: 1, item: 'FAN', qty: '30', delivered: '0', dueDate: '2026-12-15' },
        { line: 2, item: 'FAN', qty: '8', delivered: '3', dueDate: '2026-12-16' },
      ],
      total: { amount: 0, scale: 2, currency: 'CNY' },
      version: 1,
    });
    expect(repo.toSalesOrder({ no: 'SO-2', customer: 'C1', status: 'cancelled' }).status).toBe(
      'cancelled',
    );
  });

  it('maps an entered order with its numbers parsed back', () => {
    const o = repo.toSalesOrder({
      origin: 'entry',
      no: 'SO-20261125-0001',
      customer: 'C1',
      status: 'pending',
      version: '3',
      total: { amount: '5997000', scale: '2', currency: 'CNY' },
      lines: [
        {
          line: '1',
          item: 'FAN',
          qty: '300',
          unitPrice: '199.90',
          amount: { amount: '5997000', scale: '2', currency: 'CNY' },
          dueDate: '2026-12-20',
        },
      ],
      approvalId: '01J',
    });
    expect(o).toMatchObject({ origin: 'entry', status: 'pending', version: 3, approvalId: '01J' });
    expect(o.total).toEqual({ amount: 5997000, scale: 2, currency: 'CNY' });
    expect(o.lines[0]!.amount).toEqual({ amount: 5997000, scale: 2, currency: 'CNY' });
  });

  it('writes into the order record MRP reads, conditional on the version', () => {
    const order = { no: 'SO-9', version: 2 } as SalesOrder;
    const put = repo.put(order, 2).Put!;
    expect(put.Item).toMatchObject({
      pk: 'T#ww1#SO#SO-9',
      sk: '#',
      gsi1pk: 'T#ww1#SOS',
      gsi1sk: 'SO-9',
      type: 'salesOrder',
      kind: 'salesOrder',
    });
    expect(put.ConditionExpression).toBe('#version = :expected');
    expect(repo.put(order, 2).onConditionFailed!(undefined).code).toBe('resource.versionConflict');
    expect(repo.put(order, undefined).Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
  });

  it('stores exactly the item it stored before, and reads it back', () => {
    const order: SalesOrder = {
      no: 'SO-10',
      origin: 'entry',
      customer: 'C1',
      status: 'draft',
      lines: [{ line: 1, item: 'FAN', qty: '2', delivered: '0', dueDate: '2026-12-20' }],
      total: { amount: 0, scale: 2, currency: 'CNY' },
      version: 1,
      createdAt: '2026-11-25T00:00:00.000Z',
      createdBy: 'sales',
    };
    const put = repo.put(order, undefined).Put!;
    expect(put).toEqual({
      TableName: 'T',
      Item: {
        pk: 'T#ww1#SO#SO-10',
        sk: '#',
        gsi1pk: 'T#ww1#SOS',
        gsi1sk: 'SO-10',
        type: 'salesOrder',
        kind: 'salesOrder',
        ...order,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(repo.toSalesOrder(put.Item!)).toEqual(order);
    expect(() => repo.toSalesOrder({ ...put.Item!, status: 'lost' })).toThrow(
      /stored salesOrder at T#ww1#SO#SO-10 \/ # does not parse: status/,
    );
  });
});
