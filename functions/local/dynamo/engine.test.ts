// Durability of the local store: every item write, and every transaction, is ONE LevelDB
// write, so a process killed at any moment leaves each of them whole or absent.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalDynamo, type LocalDynamo } from './localDynamo.js';

type Json = Record<string, unknown>;

const T = 'ledger';

/** A table with a GSI, so an item write also writes index entries. */
const TABLE: Json = {
  TableName: T,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
    { AttributeName: 'g', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'gsi',
      KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
};

const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'A' } });
const anItem = (pk: string, overrides: Json = {}): Json => ({
  ...key(pk),
  g: { S: 'G' },
  n: { N: '1' },
  ...overrides,
});

type Harness = {
  local: LocalDynamo;
  /** Batches written so far (size of each). */
  batches: number[];
  /** When set, the next write fails before it reaches LevelDB (a crash just before it). */
  failNext: { on: boolean };
  call(op: string, payload: Json): Promise<{ status: number; body: Json }>;
};

async function harness(path?: string): Promise<Harness> {
  const batches: number[] = [];
  const failNext = { on: false };
  const local = await startLocalDynamo({
    ...(path ? { path } : {}),
    beforeWrite: (_n, size) => {
      if (failNext.on) {
        failNext.on = false;
        throw new Error('simulated crash before the write');
      }
      batches.push(size);
    },
  });
  const call = async (op: string, payload: Json) => {
    const answer = await local.front.dispatch(
      `DynamoDB_20120810.${op}`,
      Buffer.from(JSON.stringify(payload)),
    );
    return { status: answer.status, body: answer.body };
  };
  return { local, batches, failNext, call };
}

const get = async (h: Harness, pk: string) =>
  (await h.call('GetItem', { TableName: T, Key: key(pk), ConsistentRead: true })).body.Item;
const byIndex = async (h: Harness, g: string) =>
  ((
    await h.call('Query', {
      TableName: T,
      IndexName: 'gsi',
      KeyConditionExpression: 'g = :g',
      ExpressionAttributeValues: { ':g': { S: g } },
    })
  ).body.Items as Json[]) ?? [];

describe('durable writes of the local store', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
    expect((await h.call('CreateTable', TABLE)).status).toBe(200);
    h.batches.length = 0;
  });
  afterEach(() => h.local.close());

  test('a put or an update with index entries is one batch', async () => {
    expect((await h.call('PutItem', { TableName: T, Item: anItem('a') })).status).toBe(200);
    // Moving the item to another index key deletes one entry and writes another.
    const moved = await h.call('UpdateItem', {
      TableName: T,
      Key: key('a'),
      UpdateExpression: 'SET g = :g',
      ExpressionAttributeValues: { ':g': { S: 'H' } },
    });
    expect(moved.status).toBe(200);
    expect(h.batches).toEqual([2, 3]);
    expect(await byIndex(h, 'G')).toEqual([]);
    expect(await byIndex(h, 'H')).toHaveLength(1);
  });

  test('a refused write writes nothing', async () => {
    const refused = await h.call('PutItem', {
      TableName: T,
      Item: anItem('a'),
      ConditionExpression: 'attribute_exists(pk)',
    });
    expect(refused.body.__type).toMatch(/ConditionalCheckFailedException$/);
    expect(h.batches).toEqual([]);
  });

  test('a transaction is one batch; a cancelled one and a passing ConditionCheck write nothing', async () => {
    await h.call('PutItem', { TableName: T, Item: anItem('guard') });
    h.batches.length = 0;
    const tx = (n: string) =>
      h.call('TransactWriteItems', {
        TransactItems: [
          {
            ConditionCheck: {
              TableName: T,
              Key: key('guard'),
              ConditionExpression: 'n = :n',
              ExpressionAttributeValues: { ':n': { N: n } },
            },
          },
          {
            ConditionCheck: {
              TableName: T,
              Key: key('absent'),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: T, Item: anItem('x') } },
          {
            Update: {
              TableName: T,
              Key: key('y'),
              UpdateExpression: 'SET g = :g ADD n :one',
              ExpressionAttributeValues: { ':g': { S: 'G' }, ':one': { N: '1' } },
            },
          },
        ],
      });
    const cancelled = await tx('2');
    expect(cancelled.body.__type).toMatch(/TransactionCanceledException$/);
    expect(h.batches).toEqual([]);
    expect(await get(h, 'x')).toBeUndefined();

    expect((await tx('1')).status).toBe(200);
    // Two items and their two index entries, nothing for the checks.
    expect(h.batches).toEqual([4]);
    expect(await get(h, 'absent')).toBeUndefined();
    expect(await byIndex(h, 'G')).toHaveLength(3);
  });

  test('a failure just before the write leaves no part of the transaction', async () => {
    await h.call('PutItem', { TableName: T, Item: anItem('from', { n: { N: '10' } }) });
    h.failNext.on = true;
    await expect(
      h.call('TransactWriteItems', {
        TransactItems: [
          {
            Update: {
              TableName: T,
              Key: key('from'),
              UpdateExpression: 'ADD n :m',
              ExpressionAttributeValues: { ':m': { N: '-4' } },
            },
          },
          { Put: { TableName: T, Item: anItem('to', { n: { N: '4' } }) } },
        ],
      }),
    ).rejects.toThrow('simulated crash');
    expect(await get(h, 'from')).toMatchObject({ n: { N: '10' } });
    expect(await get(h, 'to')).toBeUndefined();
  });
});

test('held-back writes reach the disk: a transaction survives a restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'engine-'));
  try {
    const first = await harness(join(dir, 'db'));
    await first.call('CreateTable', TABLE);
    await first.call('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: T, Item: anItem('kept') } },
        { Put: { TableName: T, Item: anItem('also') } },
      ],
    });
    await first.local.close();
    const second = await harness(join(dir, 'db'));
    expect(await byIndex(second, 'G')).toHaveLength(2);
    await second.local.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
