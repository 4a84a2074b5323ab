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
    // An imported order that ended (closed, completed) reads as closed: no longer demand.
    for (const status of ['closed', 'completed'])
      expect(repo.toSalesOrder({ no: 'SO-3', customer: 'C1', status }).status).toBe('closed');
  });

  it('reads an order entered before VAT per line: no rate, no tax, its total excluding VAT', () => {
    const o = repo.toSalesOrder({
      origin: 'entry',
      no: 'SO-20261120-0001',
      customer: 'C1',
      status: 'confirmed',
      version: 3,
      lines: [
        {
          line: 1,
          item: 'FAN',
          qty: '10',
          delivered: '0',
          unitPrice: '199.90',
          amount: { amount: 199900, scale: 2, currency: 'CNY' },
          dueDate: '2026-12-20',
        },
      ],
      total: { amount: 199900, scale: 2, currency: 'CNY' },
    });
    expect(o.lines[0]).not.toHaveProperty('vatRate');
    expect(o.lines[0]).not.toHaveProperty('tax');
    expect(o).not.toHaveProperty('totalWithTax');
    expect(o.total.amount).toBe(199900);
  });

  it('reads VAT per line and a closing by hand back', () => {
    const fen = (amount: number) => ({ amount, scale: 2, currency: 'CNY' });
    const o = repo.toSalesOrder({
      origin: 'entry',
      no: 'SO-20261201-0001',
      customer: 'C1',
      status: 'closed',
      version: 4,
      closedAt: '2026-12-02T01:00:00.000Z',
      closedBy: 'zhangwei',
      closeReason: '客户取消剩余数量',
      lines: [
        {
          line: 1,
          item: 'FAN',
          qty: '3',
          delivered: '1',
          unitPrice: '0.1',
          vatRate: '0.13',
          amount: fen(30),
          tax: fen(4),
          amountWithTax: fen(34),
          dueDate: '2026-12-20',
        },
      ],
      total: fen(30),
      tax: fen(4),
      totalWithTax: fen(34),
    });
    expect(o).toMatchObject({
      status: 'closed',
      closeReason: '客户取消剩余数量',
      closedBy: 'zhangwei',
      tax: fen(4),
      totalWithTax: fen(34),
    });
    expect(o.lines[0]).toMatchObject({ vatRate: '0.13', tax: fen(4), amountWithTax: fen(34) });
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
