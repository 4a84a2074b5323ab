import { AppError } from '@factory/shared';
import * as z from 'zod';
import { keys } from './keys.js';
import { declareRecord, numbersAt, storedList, texts, UnparseableRecordError } from './records.js';

const zThing = z.object({ code: z.string(), qty: z.string(), version: z.number().int() });
type Thing = z.infer<typeof zThing>;

const thing = declareRecord<Thing, string>({
  type: 'thing',
  key: (tenant, code) => keys.master(tenant, 'item', code),
  keys: (tenant, t) => keys.master(tenant, 'item', t.code),
  extra: (t) => ({ searchText: t.code.toLowerCase() }),
  parse: (raw) => zThing.parse(numbersAt(raw, ['version'])),
});

const packed = declareRecord<Thing, string>({
  type: 'packed',
  key: (tenant, code) => ({ pk: `T#${tenant}#PACK`, sk: code }),
  keys: (tenant, t) => ({ pk: `T#${tenant}#PACK`, sk: t.code }),
  storage: { kind: 'json', attribute: 'body' },
  parse: (raw) => zThing.parse(raw),
});

/** A document client that answers each command from a list, and records what it was sent. */
function fakeDb(answers: unknown[]) {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const db = {
    send: async (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ name: cmd.constructor.name, input: cmd.input });
      return answers.shift();
    },
  };
  return { deps: { db: db as never, tableName: 'T' }, sent };
}

const A: Thing = { code: 'A1', qty: '2.5', version: 3 };

describe('declared records', () => {
  it('builds the stored item: keys, type, fields, extra attributes', () => {
    expect(thing.item('ww1', A)).toEqual({
      pk: 'T#ww1#ITEM',
      sk: 'A1',
      type: 'thing',
      code: 'A1',
      qty: '2.5',
      version: 3,
      searchText: 'a1',
    });
    expect(packed.item('ww1', A)).toEqual({
      pk: 'T#ww1#PACK',
      sk: 'A1',
      type: 'packed',
      body: JSON.stringify(A),
    });
  });

  it('derives the puts a transaction takes', () => {
    const { deps } = fakeDb([]);
    const exists = () => new AppError('resource.exists', 'x');
    const created = thing.putNew(deps, 'ww1', A, exists);
    expect(created.Put).toEqual({
      TableName: 'T',
      Item: thing.item('ww1', A),
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(created.onConditionFailed?.(undefined).code).toBe('resource.exists');

    const guarded = thing.putAt(deps, 'ww1', A, 2, exists, 'rev');
    expect(guarded.Put).toMatchObject({
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'rev' },
      ExpressionAttributeValues: { ':expected': 2 },
    });
    expect(thing.putAt(deps, 'ww1', A, undefined, exists).Put?.ConditionExpression).toBe(
      'attribute_not_exists(pk)',
    );
    expect(thing.put(deps, 'ww1', A).Put).toEqual({ TableName: 'T', Item: thing.item('ww1', A) });
  });

  it('reads an item back through its parser (numbers come back as text)', () => {
    expect(thing.read({ ...thing.item('ww1', A), version: '3' })).toEqual(A);
    expect(packed.read(packed.item('ww1', A))).toEqual(A);
  });

  it('names the item that does not parse', () => {
    const bad = { pk: 'T#ww1#ITEM', sk: 'A1', type: 'thing', code: 'A1', version: '3' };
    expect(() => thing.read(bad)).toThrow(UnparseableRecordError);
    expect(() => thing.read(bad)).toThrow(/stored thing at T#ww1#ITEM \/ A1 does not parse: qty: /);
    expect(() => thing.read({ ...thing.item('ww1', A), type: 'other' })).toThrow(
      /its type is other/,
    );
    expect(() => packed.read({ pk: 'p', sk: 's', type: 'packed', body: '{' })).toThrow(
      /stored packed at p \/ s does not parse/,
    );
    expect(() => packed.read({ pk: 'p', sk: 's', type: 'packed' })).toThrow(/does not parse/);
    expect(() => packed.read({ pk: 'p', sk: 's', type: 'packed', body: '[1]' })).toThrow(
      /body holds no JSON object/,
    );
  });

  it('gets a record consistently by its key, or nothing', async () => {
    const { deps, sent } = fakeDb([{ Item: { ...thing.item('ww1', A), version: '3' } }, {}]);
    expect(await thing.get(deps, 'ww1', 'A1')).toEqual(A);
    expect(await thing.get(deps, 'ww1', 'B2')).toBeUndefined();
    expect(sent.map((s) => s.input)).toEqual([
      { TableName: 'T', Key: { pk: 'T#ww1#ITEM', sk: 'A1' }, ConsistentRead: true },
      { TableName: 'T', Key: { pk: 'T#ww1#ITEM', sk: 'B2' }, ConsistentRead: true },
    ]);
  });

  it('queries a partition page by page, keeping its own type', async () => {
    const B = { ...A, code: 'B2' };
    const { deps, sent } = fakeDb([
      { Items: [thing.item('ww1', A), { pk: 'x', sk: 'y', type: 'else' }], LastEvaluatedKey: {} },
      { Items: [thing.item('ww1', B)] },
    ]);
    expect(await thing.queryPartition(deps, { attr: 'pk', value: 'T#ww1#ITEM' })).toEqual([A, B]);
    expect(sent).toHaveLength(2);
  });

  it('reads numbers and lists of stored items', () => {
    expect(
      numbersAt({ a: '1', b: { c: '2.5' }, d: 4, e: null }, ['a', 'b.c', 'd', 'e', 'missing.x']),
    ).toEqual({ a: 1, b: { c: 2.5 }, d: 4, e: null });
    expect(storedList(undefined)).toEqual([]);
    expect(storedList([{ a: 1 }, 'x', null])).toEqual([{ a: 1 }]);
    expect(texts({ a: 1, b: null, c: '' }, ['a', 'b', 'c'])).toEqual({ a: '1', c: '' });
    expect(texts({ a: 1, b: null, c: '' }, ['a', 'b', 'c'], true)).toEqual({ a: '1' });
  });
});
