// Contract: DynamoDB transaction semantics the ledger relies on.
//
// Runs against the local embedded DynamoDB (dynalite + transactions front) by default, or
// against any DynamoDB when CONTRACT_DYNAMODB_ENDPOINT is set (region and credentials
// then come from the environment), so the local runtime can be checked against the real
// service with the same file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  TransactWriteItemsCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  NumberValue,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { startLocalDynamo } from '../../functions/local/dynamo/localDynamo.js';
import type { LocalDynamo } from '../../functions/local/dynamo/localDynamo.js';

const remote = process.env.CONTRACT_DYNAMODB_ENDPOINT;
const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';

let local: LocalDynamo | undefined;
let raw: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let table: string;
let tableCount = 0;

type TxItems = NonNullable<TransactWriteCommandInput['TransactItems']>;
type CaughtError = Error & { CancellationReasons?: CancellationReason[] };

function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region,
    // Local stores ignore credentials; against AWS use the default provider chain.
    ...(remote ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    // Retries would hide what the store answered the first time.
    maxAttempts: 1,
  });
}

async function createTable(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 1 }, { TableName: name });
}

/** Runs a transaction and returns the error it failed with (fails the test if it succeeded). */
async function txError(items: TxItems, token?: string): Promise<CaughtError> {
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token }));
  } catch (err) {
    return err as CaughtError;
  }
  throw new Error('transaction unexpectedly succeeded');
}

const key = (pk: string, sk = 'A') => ({ pk, sk });
const get = async (pk: string, sk = 'A') =>
  (await doc.send(new GetCommand({ TableName: table, Key: key(pk, sk), ConsistentRead: true })))
    .Item;
const put = (item: Record<string, unknown>) =>
  doc.send(new PutCommand({ TableName: table, Item: item }));

beforeAll(async () => {
  if (!remote) local = await startLocalDynamo({});
  raw = clientFor(remote ?? local!.endpoint);
  doc = DynamoDBDocumentClient.from(raw);
});

afterAll(async () => {
  raw?.destroy();
  await local?.close();
});

// Real tables take seconds to become ACTIVE; local ones are ACTIVE at once.
const TABLE_HOOK_TIMEOUT = remote ? 180_000 : 30_000;

beforeEach(async () => {
  table = `contract-txn-${process.pid}-${Date.now()}-${++tableCount}`;
  await createTable(raw, table);
}, TABLE_HOOK_TIMEOUT);

afterEach(async () => {
  await raw.send(new DeleteTableCommand({ TableName: table }));
}, TABLE_HOOK_TIMEOUT);

describe('TransactWriteItems', () => {
  test('is all or nothing: one failed condition writes nothing', async () => {
    await put({ ...key('acct-1'), qty: 5 });
    await put({ ...key('acct-2'), qty: 1 });

    const err = await txError([
      {
        Update: {
          TableName: table,
          Key: key('acct-1'),
          UpdateExpression: 'ADD qty :n',
          ExpressionAttributeValues: { ':n': 1 },
        },
      },
      {
        Update: {
          TableName: table,
          Key: key('acct-2'),
          UpdateExpression: 'SET qty = qty - :n',
          ConditionExpression: 'qty >= :n',
          ExpressionAttributeValues: { ':n': 10 },
        },
      },
      { Put: { TableName: table, Item: { ...key('new-item'), qty: 1 } } },
    ]);

    expect(err.name).toBe('TransactionCanceledException');
    expect(await get('acct-1')).toEqual({ ...key('acct-1'), qty: 5 });
    expect(await get('acct-2')).toEqual({ ...key('acct-2'), qty: 1 });
    expect(await get('new-item')).toBeUndefined();
  });

  test('reports a reason per item in order, with the old item when ALL_OLD is asked', async () => {
    await put({ ...key('stock'), qty: 1, note: 'before' });

    // The low-level client, so the reported Item is checked in DynamoDB's wire shape.
    let caught: CaughtError | undefined;
    try {
      await raw.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk: { S: 'other' }, sk: { S: 'A' } } } },
            {
              Update: {
                TableName: table,
                Key: { pk: { S: 'stock' }, sk: { S: 'A' } },
                UpdateExpression: 'SET qty = qty - :n',
                ConditionExpression: 'qty >= :n',
                ExpressionAttributeValues: { ':n': { N: '2' } },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              // Asks for ALL_OLD, but there is no old item to return.
              Delete: {
                TableName: table,
                Key: { pk: { S: 'missing' }, sk: { S: 'A' } },
                ConditionExpression: 'attribute_exists(pk)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      );
    } catch (err) {
      caught = err as CaughtError;
    }

    expect(caught?.name).toBe('TransactionCanceledException');
    expect(caught?.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, ConditionalCheckFailed]',
    );
    const reasons = caught!.CancellationReasons!;
    expect(reasons).toHaveLength(3);
    expect(reasons[0]!.Code).toBe('None');
    expect(reasons[0]!.Item).toBeUndefined();
    expect(reasons[1]).toMatchObject({
      Code: 'ConditionalCheckFailed',
      Message: 'The conditional request failed',
    });
    expect(reasons[1]!.Item).toEqual({
      pk: { S: 'stock' },
      sk: { S: 'A' },
      qty: { N: '1' },
      note: { S: 'before' },
    });
    expect(reasons[2]!.Code).toBe('ConditionalCheckFailed');
    expect(reasons[2]!.Item).toBeUndefined();
    expect(await get('other')).toBeUndefined();
  });

  test('reports every failing condition, not only the first', async () => {
    await put({ ...key('a'), qty: 0 });
    await put({ ...key('b'), qty: 0 });

    const err = await txError([
      {
        ConditionCheck: {
          TableName: table,
          Key: key('a'),
          ConditionExpression: 'qty > :z',
          ExpressionAttributeValues: { ':z': 0 },
        },
      },
      { Put: { TableName: table, Item: { ...key('c'), qty: 1 } } },
      {
        Update: {
          TableName: table,
          Key: key('b'),
          UpdateExpression: 'SET qty = :one',
          ConditionExpression: 'attribute_not_exists(pk)',
          ExpressionAttributeValues: { ':one': 1 },
          // Without ALL_OLD the reason carries no item.
        },
      },
    ]);

    expect(err.name).toBe('TransactionCanceledException');
    expect(err.CancellationReasons!.map((r) => r.Code)).toEqual([
      'ConditionalCheckFailed',
      'None',
      'ConditionalCheckFailed',
    ]);
    expect(err.CancellationReasons![2]!.Item).toBeUndefined();
    expect(await get('c')).toBeUndefined();
    expect(await get('b')).toEqual({ ...key('b'), qty: 0 });
  });

  test('accepts 100 items and rejects 101 with a ValidationException', async () => {
    const puts = (n: number, prefix: string): TxItems =>
      Array.from({ length: n }, (_, i) => ({
        Put: { TableName: table, Item: { ...key(`${prefix}-${i}`), i } },
      }));

    await doc.send(new TransactWriteCommand({ TransactItems: puts(100, 'ok') }));
    const err = await txError(puts(101, 'too-many'));

    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/transactItems.*length less than or equal to 100/);
    const all = await doc.send(
      new ScanCommand({ TableName: table, Select: 'COUNT', ConsistentRead: true }),
    );
    expect(all.Count).toBe(100);
  });

  test('rejects two operations on the same item', async () => {
    const err = await txError([
      { Put: { TableName: table, Item: { ...key('dup'), qty: 1 } } },
      {
        Update: {
          TableName: table,
          Key: key('dup'),
          UpdateExpression: 'ADD qty :n',
          ExpressionAttributeValues: { ':n': 1 },
        },
      },
    ]);

    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(
      /Transaction request cannot include multiple operations on one item/,
    );
    expect(await get('dup')).toBeUndefined();
  });

  test('surfaces a bad expression as a ValidationException and writes nothing', async () => {
    const err = await txError([
      { Put: { TableName: table, Item: { ...key('first'), qty: 1 } } },
      { Update: { TableName: table, Key: key('second'), UpdateExpression: 'SET qty = = 1' } },
    ]);

    expect(err.name).toBe('ValidationException');
    expect(await get('first')).toBeUndefined();
  });

  test('a failing ConditionCheck cancels; a passing one writes nothing for itself', async () => {
    await put({ ...key('guard'), status: 'OPEN', n: 1 });

    const failed = await txError([
      {
        ConditionCheck: {
          TableName: table,
          Key: key('guard'),
          ConditionExpression: '#s = :c',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':c': 'CLOSED' },
        },
      },
      { Put: { TableName: table, Item: { ...key('posted'), qty: 1 } } },
    ]);
    expect(failed.name).toBe('TransactionCanceledException');
    expect(failed.CancellationReasons!.map((r) => r.Code)).toEqual([
      'ConditionalCheckFailed',
      'None',
    ]);
    expect(await get('posted')).toBeUndefined();

    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: table,
              Key: key('guard'),
              ConditionExpression: '#s = :o',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':o': 'OPEN' },
            },
          },
          // Passes on an item that does not exist, which must still not exist afterwards.
          {
            ConditionCheck: {
              TableName: table,
              Key: key('absent'),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: table, Item: { ...key('posted'), qty: 1 } } },
        ],
      }),
    );
    expect(await get('guard')).toEqual({ ...key('guard'), status: 'OPEN', n: 1 });
    expect(await get('absent')).toBeUndefined();
    expect(await get('posted')).toEqual({ ...key('posted'), qty: 1 });
  });

  test('adds decimals exactly', async () => {
    // Its own low-level client: document clients built on one client share its settings.
    const exactRaw = clientFor(remote ?? local!.endpoint);
    const exact = DynamoDBDocumentClient.from(exactRaw, {
      unmarshallOptions: { wrapNumbers: true },
    });
    for (const d of ['0.1', '0.2']) {
      await exact.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: table,
                Key: key('dec'),
                UpdateExpression: 'ADD qty :d',
                ExpressionAttributeValues: { ':d': NumberValue.from(d) },
              },
            },
          ],
        }),
      );
    }
    const item = (
      await exact.send(new GetCommand({ TableName: table, Key: key('dec'), ConsistentRead: true }))
    ).Item;
    exactRaw.destroy();
    expect(String(item!.qty)).toBe('0.3');
  });

  test('replays a ClientRequestToken without applying twice', async () => {
    const token = `token-${Date.now()}`;
    const items: TxItems = [
      {
        Update: {
          TableName: table,
          Key: key('once'),
          UpdateExpression: 'ADD qty :n',
          ExpressionAttributeValues: { ':n': 1 },
        },
      },
    ];

    await doc.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token }));
    await doc.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token }));
    expect(await get('once')).toEqual({ ...key('once'), qty: 1 });

    const other: TxItems = [
      {
        Update: {
          TableName: table,
          Key: key('once'),
          UpdateExpression: 'ADD qty :n',
          ExpressionAttributeValues: { ':n': 2 },
        },
      },
    ];
    const err = await txError(other, token);
    expect(err.name).toBe('IdempotentParameterMismatchException');
    expect(await get('once')).toEqual({ ...key('once'), qty: 1 });
  });
});

describe('isolation under concurrency', () => {
  /** Real DynamoDB cancels overlapping transactions with TransactionConflict: retry those. */
  async function transact(items: TxItems): Promise<'ok' | 'condition'> {
    for (let attempt = 0; ; attempt++) {
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: items }));
        return 'ok';
      } catch (err) {
        const codes = (err as CaughtError).CancellationReasons?.map((r) => r.Code) ?? [];
        if (codes.includes('TransactionConflict') && attempt < 50) continue;
        if (codes.includes('ConditionalCheckFailed')) return 'condition';
        throw err;
      }
    }
  }

  test('50 concurrent decrements of a counter at 20: exactly 20 succeed', async () => {
    await put({ ...key('counter'), qty: 20 });

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        transact([
          {
            Update: {
              TableName: table,
              Key: key('counter'),
              UpdateExpression: 'SET qty = qty - :one',
              ConditionExpression: 'qty >= :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
          {
            Put: {
              TableName: table,
              Item: { ...key('move', `m-${String(i).padStart(2, '0')}`), qty: -1 },
            },
          },
        ]),
      ),
    );

    expect(results.filter((r) => r === 'ok')).toHaveLength(20);
    expect(await get('counter')).toEqual({ ...key('counter'), qty: 0 });
    const moves = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': 'move' },
        ConsistentRead: true,
      }),
    );
    expect(moves.Count).toBe(20);
  });

  test('readers never see half of a transfer', async () => {
    await put({ ...key('bank', 'x'), bal: 100 });
    await put({ ...key('bank', 'y'), bal: 100 });
    let done = false;
    const sums: number[] = [];

    async function reader(): Promise<void> {
      while (!done) {
        try {
          const r = await doc.send(
            new TransactGetCommand({
              TransactItems: [
                { Get: { TableName: table, Key: key('bank', 'x') } },
                { Get: { TableName: table, Key: key('bank', 'y') } },
              ],
            }),
          );
          sums.push(Number(r.Responses![0]!.Item!.bal) + Number(r.Responses![1]!.Item!.bal));
        } catch (err) {
          // Real DynamoDB may cancel a read that overlaps a write; that is not a dirty read.
          if ((err as Error).name !== 'TransactionCanceledException') throw err;
        }
        if (!remote) {
          // Through the front, a plain Query is isolated from transactions too.
          const q = await doc.send(
            new QueryCommand({
              TableName: table,
              KeyConditionExpression: 'pk = :p',
              ExpressionAttributeValues: { ':p': 'bank' },
            }),
          );
          sums.push(q.Items!.reduce((s, it) => s + Number(it.bal), 0));
        }
      }
    }

    async function transfers(lane: number): Promise<void> {
      for (let i = 0; i < 15; i++) {
        const [from, to] = (i + lane) % 2 === 0 ? ['x', 'y'] : ['y', 'x'];
        const amt = 1 + ((i * 7 + lane) % 10);
        await transact([
          {
            Update: {
              TableName: table,
              Key: key('bank', from),
              UpdateExpression: 'SET bal = bal - :a',
              ConditionExpression: 'bal >= :a',
              ExpressionAttributeValues: { ':a': amt },
            },
          },
          {
            Update: {
              TableName: table,
              Key: key('bank', to),
              UpdateExpression: 'SET bal = bal + :a',
              ExpressionAttributeValues: { ':a': amt },
            },
          },
        ]);
      }
    }

    const readers = [reader(), reader(), reader()];
    await Promise.all([transfers(0), transfers(1), transfers(2)]);
    done = true;
    await Promise.all(readers);

    expect(sums.length).toBeGreaterThan(0);
    expect(sums.every((s) => s === 200)).toBe(true);
    const x = Number((await get('bank', 'x'))!.bal);
    const y = Number((await get('bank', 'y'))!.bal);
    expect(x + y).toBe(200);
    expect(x).not.toBe(100); // the transfers did run
  });
});

// DynamoDB cancels a transaction that touches an item another transaction holds, and refuses
// a single-item write to it, with TransactionConflict. Real timing cannot be forced, so this
// runs on the local store with its conflict emulation on (each transaction holds its items
// for a window before it applies).
(remote ? describe.skip : describe)('TransactionConflict (local emulation)', () => {
  let conflicting: LocalDynamo;
  let c: DynamoDBDocumentClient;
  let rawC: DynamoDBClient;
  const WINDOW_MS = 80;

  beforeAll(async () => {
    conflicting = await startLocalDynamo({ transactionConflicts: { windowMs: WINDOW_MS } });
    rawC = clientFor(conflicting.endpoint);
    c = DynamoDBDocumentClient.from(rawC);
    await createTable(rawC, 'conflicts');
  });
  afterAll(async () => {
    rawC.destroy();
    await conflicting.close();
  });

  const T = 'conflicts';
  const add = (pk: string, n: number) => ({
    Update: {
      TableName: T,
      Key: key(pk),
      UpdateExpression: 'ADD qty :n',
      ExpressionAttributeValues: { ':n': n },
    },
  });
  const caught = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (err: unknown) => err as CaughtError,
    );
  const read = async (pk: string) =>
    (await c.send(new GetCommand({ TableName: T, Key: key(pk), ConsistentRead: true }))).Item;

  test('of two overlapping transactions on one item, the later is cancelled and writes nothing', async () => {
    const first = c.send(
      new TransactWriteCommand({ TransactItems: [add('shared', 1), add('a', 1)] }),
    );
    await new Promise((r) => setTimeout(r, 10)); // inside the first one's window
    const second = await caught(
      c.send(
        new TransactWriteCommand({
          TransactItems: [
            add('b', 1),
            add('shared', 10),
            { Put: { TableName: T, Item: { ...key('c'), qty: 1 } } },
          ],
        }),
      ),
    );
    await first;
    expect(second?.name).toBe('TransactionCanceledException');
    expect(second?.CancellationReasons?.map((r) => r.Code)).toEqual([
      'None',
      'TransactionConflict',
      'None',
    ]);
    expect(await read('shared')).toEqual({ ...key('shared'), qty: 1 });
    expect(await read('b')).toBeUndefined();
    expect(await read('c')).toBeUndefined();

    // Once the first has finished, the same transaction goes through.
    await c.send(new TransactWriteCommand({ TransactItems: [add('b', 1), add('shared', 10)] }));
    expect(await read('shared')).toEqual({ ...key('shared'), qty: 11 });
  });

  test('a single-item write or a transactional read of a held item is refused', async () => {
    await c.send(new PutCommand({ TableName: T, Item: { ...key('held'), qty: 5 } }));
    const tx = c.send(new TransactWriteCommand({ TransactItems: [add('held', -1)] }));
    await new Promise((r) => setTimeout(r, 10));
    const put = await caught(
      c.send(new PutCommand({ TableName: T, Item: { ...key('held'), qty: 0 } })),
    );
    const got = await caught(
      c.send(
        new TransactGetCommand({ TransactItems: [{ Get: { TableName: T, Key: key('held') } }] }),
      ),
    );
    // A plain read is never refused: it sees the item as it was.
    expect(await read('held')).toEqual({ ...key('held'), qty: 5 });
    await tx;
    expect(put?.name).toBe('TransactionConflictException');
    expect(got?.name).toBe('TransactionCanceledException');
    expect(got?.CancellationReasons?.map((r) => r.Code)).toEqual(['TransactionConflict']);
    expect(await read('held')).toEqual({ ...key('held'), qty: 4 });
  });

  test('transactions on different items do not conflict', async () => {
    const results = await Promise.all(
      ['d1', 'd2', 'd3'].map((pk) =>
        caught(c.send(new TransactWriteCommand({ TransactItems: [add(pk, 1)] }))),
      ),
    );
    expect(results).toEqual([undefined, undefined, undefined]);
  });
});

describe('TransactGetItems', () => {
  test('answers in request order, with {} for a missing item and projections applied', async () => {
    await put({ ...key('one'), qty: 1, note: 'n1' });
    await put({ ...key('three'), qty: 3, note: 'n3' });

    const r = await doc.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: table, Key: key('three') } },
          { Get: { TableName: table, Key: key('two') } },
          {
            Get: {
              TableName: table,
              Key: key('one'),
              ProjectionExpression: '#n',
              ExpressionAttributeNames: { '#n': 'note' },
            },
          },
        ],
      }),
    );

    expect(r.Responses).toHaveLength(3);
    expect(r.Responses![0]!.Item).toEqual({ ...key('three'), qty: 3, note: 'n3' });
    expect(r.Responses![1]!.Item).toBeUndefined();
    expect(r.Responses![2]!.Item).toEqual({ note: 'n1' });
  });
});

(remote ? describe.skip : describe)('persistence of the local store', () => {
  test('data written through a transaction survives close and restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'local-dynamo-'));
    try {
      const first = await startLocalDynamo({ path: join(dir, 'db') });
      const c1 = clientFor(first.endpoint);
      await createTable(c1, 'persisted');
      await DynamoDBDocumentClient.from(c1).send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: 'persisted', Item: { ...key('kept'), qty: 7 } } }],
        }),
      );
      c1.destroy();
      await first.close();

      const second = await startLocalDynamo({ path: join(dir, 'db') });
      const c2 = clientFor(second.endpoint);
      const item = await DynamoDBDocumentClient.from(c2).send(
        new GetCommand({ TableName: 'persisted', Key: key('kept') }),
      );
      c2.destroy();
      await second.close();
      expect(item.Item).toEqual({ ...key('kept'), qty: 7 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
