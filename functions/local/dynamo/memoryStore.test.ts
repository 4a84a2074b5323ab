import { createRequire } from 'node:module';
import { memoryStoreKeepsStrings } from './memoryStore.js';

const require = createRequire(import.meta.url);
type Level = {
  supports: { encodings: Record<string, boolean> };
  batch(ops: { type: 'put'; key: string; value: string }[]): Promise<void>;
  keys(): AsyncIterable<string>;
  get(key: string): Promise<unknown>;
  close(): Promise<void>;
};
const fromDynalite = createRequire(require.resolve('dynalite/db'));
const { MemoryLevel } = fromDynalite('memory-level') as {
  MemoryLevel: new (options: Record<string, unknown>) => Level;
};
const db = require('dynalite/db') as { create(options: object): { db: Level } };

describe("dynalite's in-memory store", () => {
  it('keeps strings', () => {
    expect(memoryStoreKeepsStrings()).toBe(true);
    const store = db.create({});
    expect(store.db.supports.encodings.utf8).toBe(true);
    expect(store.db.supports.encodings.buffer).toBeFalsy();
  });

  it('orders dynalite keys exactly as the byte-keyed store did, and returns the same values', async () => {
    const strings = new MemoryLevel({ valueEncoding: 'json' });
    const bytes = new MemoryLevel({ valueEncoding: 'json', storeEncoding: 'buffer' });
    expect(bytes.supports.encodings.buffer).toBe(true);
    // Keys as dynalite builds them: sub-database prefix, hash prefix, hex or lexical numbers.
    const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
    const keys: string[] = [];
    for (let i = 0; i < 500; i++) {
      const pk = ['T#t#ITEM', 'T#t#BAL#RM-1', '钢板', 'a', ''][i % 5]! + String(i % 7);
      keys.push(`item-factory~${(i * 7919).toString(16).slice(0, 6)}/${hex(pk)}/${hex(`s${i}`)}/`);
      keys.push(`index-global~factory~gsi1~${hex(pk)}/1${(i % 256).toString(16)}${i}/`);
    }
    const ops = keys.map((key, n) => ({
      type: 'put' as const,
      key,
      value: JSON.stringify({ n: { N: String(n) }, name: { S: '电机 ☃ 😀' } }),
    }));
    await strings.batch(ops.map((o) => ({ ...o, valueEncoding: 'utf8' }) as never));
    await bytes.batch(ops.map((o) => ({ ...o, valueEncoding: 'utf8' }) as never));
    const all = async (l: Level) => {
      const out: string[] = [];
      for await (const k of l.keys()) out.push(k);
      return out;
    };
    expect(await all(strings)).toEqual(await all(bytes));
    for (const key of keys.slice(0, 50))
      expect(await strings.get(key)).toEqual(await bytes.get(key));
    await strings.close();
    await bytes.close();
  });
});
