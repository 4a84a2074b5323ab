import { AppError } from '@factory/shared';
import { keys } from './keys.js';
import { checkStartKey, decodeCursor, encodeCursor, isStartKeyRefusal } from './paging.js';

const partition = (tenant: string) => ({ attr: 'pk', value: keys.masterPartition(tenant, 'item') });
const b64 = (text: string) => Buffer.from(text).toString('base64url');

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the cursor to be refused');
}

describe('encodeCursor', () => {
  test('no last key means no next page', () => {
    expect(encodeCursor(undefined)).toBeNull();
  });

  test('is URL-safe text', () => {
    const cursor = encodeCursor({ pk: 'T#acme#ITEM', sk: '钢板?/+==' })!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('decodeCursor', () => {
  test('round-trips a key of the caller’s own partition', () => {
    const key = { pk: keys.masterPartition('acme', 'item'), sk: 'RM-001' };
    expect(decodeCursor(encodeCursor(key)!, [partition('acme')])).toEqual(key);
  });

  test('round-trips a warehouse-index key checked on both partitions', () => {
    const key = {
      ...keys.balance('acme', {
        item: 'RM1',
        warehouse: 'RM',
        status: 'available',
        lot: '',
        trackingNo: '',
      }),
    };
    const allowed = [
      { attr: 'gsi1pk', value: keys.balanceByWarehousePartition('acme', 'RM') },
      { attr: 'pk', value: keys.balancePartition('acme', 'RM1') },
    ];
    expect(decodeCursor(encodeCursor(key)!, allowed)).toEqual(key);
  });

  test('no cursor means the first page', () => {
    expect(decodeCursor(undefined, [partition('acme')])).toBeUndefined();
  });

  test('refuses a cursor for another tenant’s partition with request.invalid', () => {
    const foreign = encodeCursor({ pk: keys.masterPartition('other', 'item'), sk: 'RM-001' })!;
    const err = refusal(() => decodeCursor(foreign, [partition('acme')]));
    expect(err.code).toBe('request.invalid');
    expect(err.status).toBe(400);
    expect(err.issues).toEqual([{ path: ['query', 'cursor'], message: '分页游标无效' }]);
  });

  test('refuses a cursor for another partition of the same tenant', () => {
    const units = encodeCursor({ pk: keys.masterPartition('acme', 'unit'), sk: 'kg' })!;
    expect(refusal(() => decodeCursor(units, [partition('acme')])).code).toBe('request.invalid');
  });

  test('refuses a cursor that matches only one of two required partitions', () => {
    const key = {
      pk: keys.balancePartition('acme', 'RM1'),
      gsi1pk: keys.balanceByWarehousePartition('other', 'RM'),
    };
    const allowed = [
      { attr: 'pk', value: keys.balancePartition('acme', 'RM1') },
      { attr: 'gsi1pk', value: keys.balanceByWarehousePartition('acme', 'RM') },
    ];
    expect(refusal(() => decodeCursor(encodeCursor(key)!, allowed)).code).toBe('request.invalid');
  });

  test('refuses a cursor without the partition attribute', () => {
    expect(
      refusal(() => decodeCursor(encodeCursor({ sk: 'RM-001' })!, [partition('acme')])).code,
    ).toBe('request.invalid');
  });

  test.each([
    ['not base64url', '!!!***'],
    ['base64 of text that is not JSON', b64('hello')],
    ['JSON null', b64('null')],
    ['a JSON string', b64('"T#acme#ITEM"')],
    ['a JSON number', b64('42')],
    ['a JSON array', b64('["T#acme#ITEM"]')],
    ['an empty string', ''],
  ])('refuses garbage: %s', (_label, cursor) => {
    const err = refusal(() => decodeCursor(cursor, [partition('acme')]));
    expect(err.code).toBe('request.invalid');
    expect(err.issues?.[0]?.path).toEqual(['query', 'cursor']);
  });
});

describe('a cursor of the right partition but the wrong shape', () => {
  const pk = keys.masterPartition('acme', 'item');
  const good = { pk, sk: 'RM-001' };
  test.each([
    ['a number for the sort key', { pk, sk: 42 }],
    ['an empty sort key', { pk, sk: '' }],
    ['a DynamoDB attribute value', { pk, sk: { S: 'RM-001' } }],
    ['no sort key', { pk }],
    ['an extra attribute', { ...good, extra: 'x' }],
    ['index attributes on a table query', { ...good, gsi1pk: pk, gsi1sk: 'x' }],
    ['a lone surrogate', { pk, sk: 'RM\ud800' }],
    ['a sort key over 1024 bytes', { pk, sk: '钢'.repeat(400) }],
  ])('refuses %s', (_label, key) => {
    const err = refusal(() => decodeCursor(encodeCursor(key)!, [partition('acme')]));
    expect(err.issues).toEqual([{ path: ['query', 'cursor'], message: '分页游标无效' }]);
  });

  test('an index query needs both key pairs', () => {
    const gsi = { attr: 'gsi1pk', value: keys.ordersByKind('acme', 'taskOrder') };
    const key = { pk: 'T#acme#TASK#MO-1', sk: 'TASK', gsi1pk: gsi.value, gsi1sk: '!O#005#x' };
    expect(checkStartKey(key, [gsi])).toEqual(key);
    const { gsi1sk: _dropped, ...withoutSort } = key;
    expect(refusal(() => checkStartKey(withoutSort, [gsi])).code).toBe('request.invalid');
  });

  test('text that is not base64url is refused before decoding', () => {
    expect(refusal(() => decodeCursor(`${encodeCursor(good)!}%`, [partition('acme')])).code).toBe(
      'request.invalid',
    );
  });

  test("DynamoDB's refusal of a start key is recognised, other errors are not", () => {
    const refusalOf = (message: string) =>
      Object.assign(new Error(message), { name: 'ValidationException' });
    expect(
      isStartKeyRefusal(
        refusalOf('The provided starting key does not match the range key predicate'),
      ),
    ).toBe(true);
    expect(isStartKeyRefusal(refusalOf('One or more parameter values were invalid'))).toBe(false);
    expect(isStartKeyRefusal(new Error('The provided starting key is invalid'))).toBe(false);
  });
});
