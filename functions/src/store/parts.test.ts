import { gzipSync } from 'node:zlib';
import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { compressedParts } from './parts.js';

type Row = Record<string, unknown>;

/** A table in a map: the three commands parts use, by pk and sk. */
function fakeTable() {
  const rows = new Map<string, Row>();
  const at = (k: Row) => `${String(k.pk)} ${String(k.sk)}`;
  const send = async (cmd: unknown): Promise<Row> => {
    if (cmd instanceof PutCommand) {
      rows.set(at(cmd.input.Item!), structuredClone(cmd.input.Item!));
      return {};
    }
    if (cmd instanceof GetCommand) return { Item: rows.get(at(cmd.input.Key!)) };
    if (cmd instanceof BatchGetCommand) {
      const request = cmd.input.RequestItems as Record<string, { Keys: Row[] }>;
      const found = request.T!.Keys.map((k) => rows.get(at(k))).filter(Boolean);
      return { Responses: { T: found } };
    }
    throw new Error('unexpected command');
  };
  return {
    rows,
    deps: { db: { send }, tableName: 'T' } as unknown as Pick<Deps, 'db' | 'tableName'>,
  };
}

const partKey = (kind: string, n: number) => ({
  pk: 'P',
  sk: `${kind}#${String(n).padStart(5, '0')}`,
});

/** JSON that compresses poorly, so that a value needs several parts. */
const noisy = (n: number) =>
  Array.from({ length: n }, (_, k) => ({ k, v: ((k * 2654435761) % 4294967296).toString(36) }));

describe('compressedParts', () => {
  it('reads back what it wrote, in one part or several, the first part saying how many', async () => {
    const { rows, deps } = fakeTable();
    const parts = compressedParts(deps, 'testPart', partKey);
    const small = { a: 1, b: ['采购', '2.5'] };
    expect(await parts.put('S', small)).toBe(1);
    expect(await parts.get('S')).toEqual(small);

    const big = noisy(120_000);
    const count = await parts.put('B', big);
    expect(count).toBeGreaterThan(1);
    expect(await parts.get('B')).toEqual(big);
    expect(await parts.getText('B')).toBe(JSON.stringify(big));
    const first = rows.get('P B#00000')!;
    expect(first).toMatchObject({ type: 'testPart', parts: count, encoding: 'br1' });
    // Only the first part carries the encoding: the others are bytes.
    expect(rows.get('P B#00001')).not.toHaveProperty('encoding');
  });

  it.each([0, 1, 255, 256, 257, 512, 513, 1000])(
    'stores an array of %i rows as its JSON text, whatever the rows at a time',
    async (n) => {
      const { deps } = fakeTable();
      const parts = compressedParts(deps, 'testPart', partKey);
      const rows = Array.from({ length: n }, (_, k) => ({
        k,
        pegging: k % 3 ? [{ demand: `PLAN:M-${k}:2027-01-0${k % 9}`, qty: '1.5' }] : [],
        note: k % 7 ? undefined : '“引号”\n',
      }));
      await parts.put('A', rows);
      expect(await parts.getText('A')).toBe(JSON.stringify(rows));
    },
  );

  it('reads parts written gzip-compressed before (a first part without an encoding)', async () => {
    const { rows, deps } = fakeTable();
    const value = { orders: [{ item: 'P-001', qty: '3.5' }] };
    rows.set('P X#00000', {
      ...partKey('X', 0),
      type: 'testPart',
      parts: 1,
      data: gzipSync(Buffer.from(JSON.stringify(value))),
    });
    expect(await compressedParts(deps, 'testPart', partKey).get('X')).toEqual(value);
  });

  it('answers undefined for a value never written', async () => {
    const { deps } = fakeTable();
    expect(await compressedParts(deps, 'testPart', partKey).get('none')).toBeUndefined();
  });

  it('replaces a value written again with fewer parts', async () => {
    const { deps } = fakeTable();
    const parts = compressedParts(deps, 'testPart', partKey);
    await parts.put('V', noisy(120_000));
    expect(await parts.put('V', { again: true })).toBe(1);
    expect(await parts.get('V')).toEqual({ again: true });
  });
});
