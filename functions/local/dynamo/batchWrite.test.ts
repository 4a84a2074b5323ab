// BatchWriteItem's fast path (batchWrite.ts) against dynalite's own action: the same answers,
// the same LevelDB batches, and the same table and index contents after every request, over
// random batches of puts and deletes, overwrites, index keys coming and going, and refusals.
import { createEngine, type Engine } from './engine.js';
import { itemKey, type Table } from './batchWrite.js';
import { createRequire } from 'node:module';

type Json = Record<string, unknown>;
const T = 'fast';

const TABLE: Json = {
  TableName: T,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
    { AttributeName: 'g', AttributeType: 'S' },
    { AttributeName: 'h', AttributeType: 'N' },
    { AttributeName: 'l', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'all',
      KeySchema: [
        { AttributeName: 'g', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
    {
      IndexName: 'some',
      KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] },
    },
  ],
  LocalSecondaryIndexes: [
    {
      IndexName: 'local',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'l', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    },
  ],
};

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Side = { engine: Engine; batches: number[] };

async function side(fast: boolean): Promise<Side> {
  const batches: number[] = [];
  const engine = createEngine({
    batchWriteFastPath: fast,
    beforeWrite: (_n, size) => batches.push(size),
  });
  const created = await engine.call('CreateTable', structuredClone(TABLE));
  expect(created.status).toBe(200);
  return { engine, batches };
}

/** Everything the store holds for the table: items and each index's entries. */
async function contents(s: Side): Promise<string> {
  const scan = async (extra: Json) => {
    const out: unknown[] = [];
    let start: unknown;
    do {
      const res = await s.engine.call('Scan', {
        TableName: T,
        ...extra,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      expect(res.status).toBe(200);
      out.push(...(res.body.Items as unknown[]));
      start = res.body.LastEvaluatedKey;
    } while (start);
    return out;
  };
  return JSON.stringify([
    await scan({}),
    await scan({ IndexName: 'all' }),
    await scan({ IndexName: 'some' }),
    await scan({ IndexName: 'local' }),
  ]);
}

describe('BatchWriteItem fast path', () => {
  let fast: Side;
  let reference: Side;
  beforeEach(async () => {
    fast = await side(true);
    reference = await side(false);
  });
  afterEach(async () => {
    await fast.engine.close();
    await reference.engine.close();
  });

  /** Sends a request to both; they must answer and write alike. */
  async function both(op: string, payload: Json) {
    const a = await fast.engine.call(op, structuredClone(payload));
    const b = await reference.engine.call(op, structuredClone(payload));
    expect(a).toEqual(b);
    expect(fast.batches).toEqual(reference.batches);
    return a;
  }

  it('answers, writes and indexes exactly as dynalite over random batches', async () => {
    const rand = prng(20261206);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const keyOf = () => ({
      pk: { S: `P${Math.floor(rand() * 4)}` },
      sk: { S: `s${Math.floor(rand() * 12)}` },
    });
    const item = (): Json => {
      const out: Json = { ...keyOf(), n: { N: String(Math.floor(rand() * 1000) / 10) } };
      if (rand() < 0.6) out.g = { S: pick(['G1', 'G2', '']) === '' ? 'G3' : pick(['G1', 'G2']) };
      if (rand() < 0.4) out.h = { N: pick(['1', '2', '3.50']) };
      if (rand() < 0.4) out.l = { S: pick(['a', 'b']) };
      if (rand() < 0.3) out.x = { L: [{ S: 'x' }, { M: { y: { BOOL: true } } }] };
      if (rand() < 0.2) out.tags = { SS: ['a', 'b'] };
      // Now and then something dynalite refuses.
      const r = rand();
      if (r < 0.02) delete out.sk;
      else if (r < 0.04) out.g = { N: '1' };
      else if (r < 0.05) out.pk = { S: '' };
      else if (r < 0.06) out.big = { S: 'x'.repeat(410_000) };
      return out;
    };
    let refused = 0;
    for (let step = 0; step < 150; step++) {
      const n = 1 + Math.floor(rand() * 25);
      const requests = Array.from({ length: n }, () =>
        rand() < 0.75 ? { PutRequest: { Item: item() } } : { DeleteRequest: { Key: keyOf() } },
      );
      const res = await both('BatchWriteItem', { RequestItems: { [T]: requests } });
      if (res.status !== 200) refused++;
      expect(await contents(fast)).toBe(await contents(reference));
    }
    // Both kinds of step happened: refused batches (duplicates, bad keys, sizes) and written ones.
    expect(refused).toBeGreaterThan(10);
    expect(fast.batches.length).toBeGreaterThan(20);
  });

  it('refuses an unknown table and falls back to dynalite where it must', async () => {
    const put = { PutRequest: { Item: { pk: { S: 'a' }, sk: { S: 'b' } } } };
    const missing = await both('BatchWriteItem', { RequestItems: { nothere: [put] } });
    expect(missing.status).toBe(400);
    // Consumed capacity asked for: dynalite's own action answers.
    const counted = await both('BatchWriteItem', {
      RequestItems: { [T]: [put] },
      ReturnConsumedCapacity: 'TOTAL',
    });
    expect(counted.body.ConsumedCapacity).toBeDefined();
  });
});

test('item keys are dynalite’s', () => {
  const require = createRequire(import.meta.url);
  const db = require('dynalite/db') as { createKey(item: unknown, table: unknown): string };
  const tables: Table[] = [
    TABLE as Table,
    {
      TableName: 'n',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
    },
    {
      TableName: 'b',
      KeySchema: [
        { AttributeName: 'id', KeyType: 'HASH' },
        { AttributeName: 'at', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'at', AttributeType: 'N' },
        { AttributeName: 'id', AttributeType: 'B' },
      ],
    },
  ];
  const items = [
    [
      { pk: { S: 'T#t#ITEM' }, sk: { S: 'A-1' } },
      { pk: { S: '钢板' }, sk: { S: '' } },
    ],
    [{ id: { N: '1' } }, { id: { N: '1.0' } }, { id: { N: '-12.5e3' } }, { id: { N: '0' } }],
    [
      { id: { B: 'aGk=' }, at: { N: '3' } },
      { id: { B: '' }, at: { N: '-0.001' } },
    ],
  ];
  tables.forEach((table, t) => {
    for (const it of items[t]!) {
      // Twice: the second answer comes from the remembered partition prefix.
      expect(itemKey(it as never, table)).toBe(db.createKey(it, table));
      expect(itemKey(it as never, table)).toBe(db.createKey(it, table));
    }
  });
});
