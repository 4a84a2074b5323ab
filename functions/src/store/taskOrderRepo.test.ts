import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { aNeed } from '../domain/issue/builders.js';
import type { TaskOrder } from '@factory/shared';
import { toTaskOrder } from './orderRepo.js';
import { taskOrderRecord, taskOrderRepo } from './taskOrderRepo.js';

const repo = taskOrderRepo({ db: {} as DynamoDBDocumentClient, tableName: 'T' }, 'ww1');

describe('taskOrderRepo', () => {
  it('guards an update by version and by the rev receipts and work reports use, bumping both', () => {
    const order = { no: 'MO1', status: 'released', priority: 2, dueDate: '2026-12-09' };
    const op = repo.updateItem({ ...order, version: 3, rev: 7 }, { status: 'inProgress' });
    const u = op.Update!;
    expect(u.Key).toEqual({ pk: 'T#ww1#MO#MO1', sk: '#' });
    expect(u.ConditionExpression).toBe('attribute_exists(pk) AND #version = :v0 AND #rev = :v1');
    expect(u.ExpressionAttributeValues).toMatchObject({ ':v0': 3, ':v1': 7 });
    expect(Object.values(u.ExpressionAttributeValues!)).toEqual(
      expect.arrayContaining(['inProgress', 4, 8, '!O#002#2026-12-09#MO1']),
    );
  });

  it('moves the index key with the state: done orders after the open ones', () => {
    const order = { no: 'MO1', status: 'inProgress', priority: 2, dueDate: '2026-12-09' };
    const u = repo.updateItem({ ...order, version: 3 }, { status: 'completed' }).Update!;
    expect(Object.values(u.ExpressionAttributeValues!)).toContain('!Z#MO1');
  });

  it('accepts a record never versioned nor revised (imported or released before)', () => {
    const u = repo.updateItem({ no: 'MO1', status: 'open', version: 0 }, { needs: [] }).Update!;
    expect(u.ConditionExpression).toBe(
      'attribute_exists(pk) AND (attribute_not_exists(#version) OR #version = :v0) AND attribute_not_exists(#rev)',
    );
  });

  it('refuses needs too many for one record with 422 document.tooManyLines, before any write', () => {
    const needs = Array.from({ length: 4_000 }, (_, i) =>
      aNeed({ item: `COMPONENT-${String(i).padStart(6, '0')}`, warehouse: 'RAW-MATERIALS' }),
    );
    const order = { no: 'MO1', status: 'released', version: 1 };
    expect(() => repo.updateItem(order, { needs })).toThrow(
      expect.objectContaining({ code: 'document.tooManyLines', status: 422 }),
    );
    expect(() => repo.updateItem(order, { needs: needs.slice(0, 500) })).not.toThrow();
  });

  it('reads stored open orders as released and fills defaults', () => {
    const o = repo.toRecord({
      no: 'MO9',
      item: 'P',
      qty: 5,
      startDate: '2026-12-01',
      dueDate: '2026-12-05',
      status: 'open',
      source: { importId: 'x' },
    });
    expect(o).toMatchObject({
      status: 'released',
      received: '0',
      priority: 5,
      origin: 'import',
      version: 0,
      issued: [],
    });
    expect(o.needs).toBeUndefined();
  });

  it('stores a new order exactly as before: keys placed by state, kind, the order', () => {
    const order: TaskOrder = {
      no: 'MO2',
      kind: 'rework',
      item: 'FAN',
      qty: '4',
      received: '0',
      startDate: '2026-12-01',
      dueDate: '2026-12-05',
      priority: 3,
      status: 'released',
      needs: [],
      issued: [],
      origin: 'manual',
      rework: { reason: 'scratch', warehouse: 'QC' },
      version: 1,
    };
    const put = repo.createItem(order);
    expect(put.Put).toEqual({
      TableName: 'T',
      Item: {
        pk: 'T#ww1#MO#MO2',
        sk: '#',
        gsi1pk: 'T#ww1#MOS',
        gsi1sk: '!O#003#2026-12-05#MO2',
        type: 'taskOrder',
        ...order,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(put.onConditionFailed?.(undefined).code).toBe('resource.exists');
    expect(repo.toRecord(put.Put!.Item!)).toEqual(order);
    const { kind: _k, rework: _r, ...standard } = order;
    expect(repo.createItem(standard).Put?.Item?.kind).toBe('taskOrder');
  });

  it('reads a stored order once for every reader: the same defaults in each view', () => {
    const raw = {
      pk: 'T#ww1#MO#MO3',
      sk: '#',
      type: 'taskOrder',
      kind: 'taskOrder',
      no: 'MO3',
      item: 'FAN',
      qty: '10',
      startDate: '2026-12-01',
      dueDate: '2026-12-05',
      status: 'open',
      warehouse: 'RM',
      needs: [{ component: 'MOTOR', required: '10' }],
    };
    const record = taskOrderRecord.read(raw);
    expect(record).toMatchObject({ status: 'open', received: '0', version: 0, origin: 'manual' });
    // One set of defaults for a need stored without its quantities, whoever reads it.
    expect(record.needs).toEqual([
      {
        item: 'MOTOR',
        qtyPer: '1',
        lossRate: '0',
        issued: '0',
        warehouse: '',
        required: '10',
        issueMethod: 'manual',
      },
    ]);
    expect(repo.toRecord(raw).needs).toEqual([
      {
        item: 'MOTOR',
        qtyPer: '1',
        lossRate: '0',
        required: '10',
        issued: '0',
        warehouse: '',
        issueMethod: 'manual',
      },
    ]);
    expect(toTaskOrder(raw)).toMatchObject({
      status: 'open',
      warehouse: 'RM',
      needs: [{ item: 'MOTOR', qtyPer: '1', lossRate: '0', issueMethod: 'manual' }],
    });
    expect(() => taskOrderRecord.read({ ...raw, qty: undefined })).toThrow(
      /stored taskOrder at T#ww1#MO#MO3 \/ # does not parse/,
    );
  });
});
