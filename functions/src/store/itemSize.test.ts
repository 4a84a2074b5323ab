import {
  BatchWriteCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { HttpResponse, type HttpHandler } from '@smithy/protocol-http';
import { AppError } from '@factory/shared';
import { createDocumentClient, useLocalDynamoHandler } from './client.js';
import {
  ITEM_LIMIT_BYTES,
  attributeSize,
  checkWriteSize,
  itemSize,
  itemSizeBound,
  pages,
  plainSize,
  refuseOversized,
  textPieces,
} from './itemSize.js';

const big = (bytes: number) => 'x'.repeat(bytes);
const record = (extra: Record<string, unknown>) =>
  marshall({ pk: 'T#t1#SDOC#RC-1', sk: '#', type: 'stockDocument', ...extra });

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('item sizes as DynamoDB counts them', () => {
  it('counts names and UTF-8 bytes of strings, numbers by digits, lists and maps with overhead', () => {
    expect(attributeSize({ S: 'abc' })).toBe(3);
    expect(attributeSize({ S: '钢板' })).toBe(6);
    expect(attributeSize({ N: '12345' })).toBe(5);
    expect(attributeSize({ BOOL: true })).toBe(1);
    expect(attributeSize({ L: [{ S: 'ab' }, { S: 'c' }] })).toBe(3 + 1 + 2 + 1 + 1);
    expect(attributeSize({ M: { a: { S: 'xy' } } })).toBe(3 + 1 + 1 + 2);
    expect(itemSize({ pk: { S: 'p' }, qty: { N: '1' } })).toBe(2 + 1 + (3 + 3));
  });

  it('estimates plain values at least as large as their marshalled form', () => {
    const value = {
      item: '物料-001',
      qty: '12.5',
      lines: [{ a: 1, b: 'two', c: [true, null] }],
      n: 123456789,
    };
    expect(plainSize(value)).toBeGreaterThanOrEqual(itemSize(marshall(value)));
  });

  it('cuts entries into pages of bounded size, keeping order', () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({ i, text: big(100) }));
    const cut = pages(entries, 1000);
    expect(cut.length).toBeGreaterThan(10);
    expect(cut.flat()).toEqual(entries);
    for (const page of cut) expect(plainSize(page)).toBeLessThanOrEqual(1000 + page.length * 2);
  });

  it('cuts text into pieces under a page in UTF-8, never inside a character', () => {
    const text = `钢板😀`.repeat(5_000);
    const pieces = textPieces(text, 3_000);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) {
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(3_000);
      expect(Buffer.from(p).toString()).toBe(p); // no lone surrogate
    }
    expect(textPieces('')).toEqual(['']);
  });
});

describe('the write size guard', () => {
  it('lets small writes and reads through', () => {
    expect(() =>
      checkWriteSize({ Item: record({ moves: [{ item: 'A', qty: '1' }] }) }),
    ).not.toThrow();
    expect(() => checkWriteSize({ Key: marshall({ pk: 'a', sk: 'b' }) })).not.toThrow();
  });

  it('refuses a put above the limit, naming the record', () => {
    const err = refusal(() => checkWriteSize({ Item: record({ note: big(ITEM_LIMIT_BYTES) }) }));
    expect(err.code).toBe('store.itemTooLarge');
    expect(err.status).toBe(422);
    expect(err.message).toContain('T#t1#SDOC#RC-1 / #');
    expect(err.message).toContain('stockDocument');
    expect(err.details).toMatchObject({ record: 'T#t1#SDOC#RC-1 / #', type: 'stockDocument' });
  });

  it('refuses an update whose new values alone are too large', () => {
    const err = refusal(() =>
      checkWriteSize({
        Key: marshall({ pk: 'T#t1#SO#SO-1', sk: '#' }),
        ExpressionAttributeValues: marshall({ ':v0': big(ITEM_LIMIT_BYTES + 10) }),
      }),
    );
    expect(err.details?.record).toBe('T#t1#SO#SO-1 / #');
  });

  it('refuses a transaction with one oversized item or above 4 MB in all, and batch writes', () => {
    expect(
      refusal(() =>
        checkWriteSize({
          TransactItems: [
            { Put: { Item: record({}) } },
            { Put: { Item: record({ lines: [big(ITEM_LIMIT_BYTES)] }) } },
          ],
        }),
      ).code,
    ).toBe('store.itemTooLarge');
    const total = refusal(() =>
      checkWriteSize({
        TransactItems: Array.from({ length: 20 }, () => ({
          Put: { Item: record({ data: big(300_000) }) },
        })),
      }),
    );
    expect(total.details?.record).toBe('transaction');
    expect(
      refusal(() =>
        checkWriteSize({
          RequestItems: { t: [{ PutRequest: { Item: record({ data: big(ITEM_LIMIT_BYTES) }) } }] },
        }),
      ).code,
    ).toBe('store.itemTooLarge');
  });

  it('bounds every item from above, cheaply, so only writes near a limit are measured', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const text = () =>
      Array.from({ length: Math.floor(rand() * 12) }, () =>
        rand() < 0.2 ? '钢' : rand() < 0.05 ? '😀' : rand() < 0.05 ? '\ud800' : 'a',
      ).join('');
    const value = (depth: number): unknown => {
      const r = rand();
      if (r < 0.3) return text();
      if (r < 0.45) return Math.round(rand() * 1e6) / 100;
      if (r < 0.5) return rand() < 0.5;
      if (r < 0.55) return null;
      if (r < 0.6) return new Uint8Array(Math.floor(rand() * 20));
      if (r < 0.65) return new Set([text() || 'x', 'y']);
      if (depth > 3) return text();
      if (r < 0.8) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(rand() * 4) }, () => [text() || 'k', value(depth + 1)]),
      );
    };
    for (let i = 0; i < 2_000; i++) {
      const item = marshall(
        Object.fromEntries(
          Array.from({ length: 1 + (i % 9) }, (_, k) => [`a${k}${text()}`, value(0)]),
        ),
      );
      expect(itemSizeBound(item)).toBeGreaterThanOrEqual(itemSize(item));
    }
    // A lone NumberValue text, an empty number: still bounded.
    expect(itemSizeBound({ n: { N: '' } })).toBeGreaterThanOrEqual(itemSize({ n: { N: '' } }));
  });

  it('refuses exactly at the limit, whatever the bound says', () => {
    // ASCII: the bound is three times the size, so these are measured exactly.
    const base = itemSize(record({ note: '' }));
    const at = record({ note: big(ITEM_LIMIT_BYTES - base) });
    expect(itemSize(at)).toBe(ITEM_LIMIT_BYTES);
    expect(() => checkWriteSize({ Item: at })).not.toThrow();
    const over = record({ note: big(ITEM_LIMIT_BYTES - base + 1) });
    expect(refusal(() => checkWriteSize({ Item: over })).details?.bytes).toBe(ITEM_LIMIT_BYTES + 1);
    const transaction = (bytes: number) => ({
      TransactItems: Array.from({ length: 20 }, (_, k) => ({
        Put: { Item: marshall({ pk: `p${String(k).padStart(2, '0')}`, data: big(bytes) }) },
      })),
    });
    const perItem = itemSize(marshall({ pk: 'p00', data: '' }));
    expect(() => checkWriteSize(transaction(200_000 - perItem))).not.toThrow();
    expect(refusal(() => checkWriteSize(transaction(200_000 - perItem + 1))).details).toMatchObject(
      { record: 'transaction', bytes: 4_000_020 },
    );
  });

  it('refuses a user document too large for one item early, saying what to do', () => {
    const err = refusal(() =>
      refuseOversized(
        { no: 'ECN-1', changes: [big(ITEM_LIMIT_BYTES)] },
        '工程变更单 ECN-1',
        '请拆分',
      ),
    );
    expect(err.code).toBe('document.tooManyLines');
    expect(err.message).toMatch(
      /^工程变更单 ECN-1内容过多（约 \d+ KB，单条记录上限 350 KB），请拆分$/,
    );
    expect(() => refuseOversized({ no: 'ECN-2' }, 'x', 'y')).not.toThrow();
  });

  it('runs on every write the document client sends, before anything reaches the store', async () => {
    const sent: unknown[] = [];
    const handler: HttpHandler = {
      handle: async (request) => {
        sent.push(request);
        return {
          response: new HttpResponse({
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Buffer.from('{}'),
          }),
        };
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    };
    useLocalDynamoHandler(handler);
    const db = createDocumentClient({ region: 'local', dynamoEndpoint: 'http://127.0.0.1:1' });
    try {
      const TableName = 't';
      await db.send(new PutCommand({ TableName, Item: { pk: 'a', sk: 'b', n: 1 } }));
      expect(sent).toHaveLength(1);
      const huge = { pk: 'T#t1#BOM#FG', sk: 'V#V1', type: 'bomVersion', x: big(400_000) };
      for (const command of [
        new PutCommand({ TableName, Item: huge }),
        new TransactWriteCommand({ TransactItems: [{ Put: { TableName, Item: huge } }] }),
        new BatchWriteCommand({ RequestItems: { [TableName]: [{ PutRequest: { Item: huge } }] } }),
        new UpdateCommand({
          TableName,
          Key: { pk: 'T#t1#BOM#FG', sk: 'V#V1' },
          UpdateExpression: 'SET #x = :x',
          ExpressionAttributeNames: { '#x': 'x' },
          ExpressionAttributeValues: { ':x': huge.x },
        }),
      ]) {
        await expect(db.send(command as PutCommand)).rejects.toMatchObject({
          code: 'store.itemTooLarge',
          details: expect.objectContaining({ record: 'T#t1#BOM#FG / V#V1' }),
        });
      }
      expect(sent).toHaveLength(1);
    } finally {
      db.destroy();
      useLocalDynamoHandler(undefined);
    }
  });
});
