import { orderRepo, purchaseOrderRecord, toTaskOrder } from './orderRepo.js';

// Requests built as data, checked without a database.
const repo = orderRepo({ db: undefined as never, tableName: 'T' }, 'ww1');

describe('orderRepo', () => {
  it('guards a first change by the absence of rev, and sets line fields by index', () => {
    const item = repo.update('purchaseOrder', 'PO-1', undefined, {}, 'AT', new Map([[1, '40']]));
    const u = item.Update!;
    expect(u.Key).toEqual({ pk: 'T#ww1#PO#PO-1', sk: '#' });
    expect(u.ConditionExpression).toBe('attribute_exists(pk) AND attribute_not_exists(#rev)');
    expect(u.UpdateExpression).toBe('SET #rev = :v0, #updatedAt = :v1, #lines[1].#received = :v2');
    expect(u.ExpressionAttributeValues).toEqual({ ':v0': 1, ':v1': 'AT', ':v2': '40' });
    expect(item.onConditionFailed!(undefined).code).toBe('resource.versionConflict');
  });

  it('guards a later change by the rev it read and bumps it', () => {
    const u = repo.update('taskOrder', 'MO-1', 3, { received: '5' }, 'AT').Update!;
    expect(u.Key).toEqual({ pk: 'T#ww1#MO#MO-1', sk: '#' });
    expect(u.ConditionExpression).toBe('#rev = :v3');
    expect(u.ExpressionAttributeValues).toMatchObject({ ':v0': '5', ':v1': 4, ':v3': 3 });
  });

  it('maps a released task order and needs written by item or by component', () => {
    const o = toTaskOrder({
      no: 'MO-1',
      item: 'FAN',
      qty: '10',
      received: '0',
      startDate: '2026-12-01',
      status: 'open',
      issued: [],
      needs: [
        { item: 'BOLT', qtyPer: '2', lossRate: '0.1', issueMethod: 'backflush', warehouse: 'RM' },
        { component: 'MOTOR', qtyPer: '1' },
      ],
    });
    expect(o).toEqual({
      no: 'MO-1',
      item: 'FAN',
      qty: '10',
      received: '0',
      startDate: '2026-12-01',
      status: 'open',
      issued: [],
      needs: [
        { item: 'BOLT', qtyPer: '2', lossRate: '0.1', issueMethod: 'backflush', warehouse: 'RM' },
        { item: 'MOTOR', qtyPer: '1', lossRate: '0', issueMethod: 'manual' },
      ],
      reportedGood: '0',
      reportedScrap: '0',
    });
  });

  it('reads a purchase order through its declaration: defaults, numbers as text', () => {
    const raw = {
      pk: 'T#ww1#PO#PO-1',
      sk: '#',
      type: 'purchaseOrder',
      kind: 'purchaseOrder',
      no: 'PO-1',
      supplier: 'S1',
      lines: [
        { item: 'BOLT', qty: '100', dueDate: '2026-12-05' },
        { item: 'NUT', qty: '50', received: '20', trackingNo: '' },
      ],
      rev: '2',
    };
    expect(purchaseOrderRecord.read(raw)).toEqual({
      no: 'PO-1',
      supplier: 'S1',
      status: 'open',
      lines: [
        { item: 'BOLT', qty: '100', received: '0', dueDate: '2026-12-05' },
        { item: 'NUT', qty: '50', received: '20' },
      ],
      rev: 2,
    });
    expect(purchaseOrderRecord.key('ww1', { no: 'PO-1' })).toEqual({
      pk: 'T#ww1#PO#PO-1',
      sk: '#',
    });
  });
});
