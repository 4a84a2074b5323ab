import { PegChains, RowStore } from './store.js';

type Row = { day: number; qty: number; ref: number; subs: number; track: number };

function rowsOf(store: RowStore, item: number): Row[] {
  const c = store.count[item]!;
  const [day, ref, subs, track] = [0, 0, 0, 0].map(() => new Int32Array(c)) as Int32Array[];
  const qty = new Float64Array(c);
  const m = store.gather(item, day!, qty, ref!, subs!, track!);
  return Array.from({ length: m }, (_, k) => ({
    day: day![k]!,
    qty: qty[k]!,
    ref: ref![k]!,
    subs: subs![k]!,
    track: track![k]!,
  }));
}

const row = (day: number, qty: number, ref = 0, subs = -1, track = 0): Row => ({
  day,
  qty,
  ref,
  subs,
  track,
});
const push = (store: RowStore, item: number, r: Row) =>
  store.push(item, r.day, r.qty, r.ref, r.subs, r.track);

describe('RowStore: every demand row of a run, each item a chain', () => {
  it('gives each item its rows in the order they arose, whatever came between', () => {
    const store = new RowStore(3);
    push(store, 0, row(5, 10));
    push(store, 2, row(1, 7, 3, 2, 4));
    push(store, 0, row(2, 2 ** 52 + 1, -9)); // a scaled quantity past 32 bits, a planned order's ref
    push(store, 0, row(9, 0.5, 1, -1, 6));
    expect(rowsOf(store, 0)).toEqual([row(5, 10), row(2, 2 ** 52 + 1, -9), row(9, 0.5, 1, -1, 6)]);
    expect(rowsOf(store, 1)).toEqual([]);
    expect(rowsOf(store, 2)).toEqual([row(1, 7, 3, 2, 4)]);
    // The pool's sum counts tracking number 0 only.
    expect(store.pool[0]).toBe(10 + 2 ** 52 + 1);
    expect(store.pool[2]).toBe(0);
  });

  it('keeps every row across chunks', () => {
    const store = new RowStore(2);
    const n = 150_000; // three chunks of 65,536 rows, blocks of 8
    for (let k = 0; k < n; k++) push(store, k % 2, row(k, k * 3, k, -1, 0));
    const even = rowsOf(store, 0);
    expect(even).toHaveLength(n / 2);
    expect(even[0]).toEqual(row(0, 0, 0));
    expect(even[n / 2 - 1]).toEqual(row(n - 2, (n - 2) * 3, n - 2));
    expect(rowsOf(store, 1).every((r, k) => r.day === 2 * k + 1)).toBe(true);
  });

  it('cuts a chain back to what it held (an item taken back), and drops one', () => {
    const store = new RowStore(2);
    push(store, 0, row(1, 4));
    const before = { count: store.count[0]!, last: store.last[0]!, pool: store.pool[0]! };
    push(store, 1, row(2, 5));
    push(store, 0, row(3, 6));
    push(store, 0, row(4, 7, 0, -1, 2));
    store.cut(0, before.count, before.last, before.pool);
    expect(rowsOf(store, 0)).toEqual([row(1, 4)]);
    expect(store.pool[0]).toBe(4);
    // Rows added after the cut follow the row it kept.
    push(store, 0, row(8, 1));
    expect(rowsOf(store, 0)).toEqual([row(1, 4), row(8, 1)]);
    // Cut to nothing: the item has no rows, as after drop.
    store.cut(0, 0, -1, 0);
    expect(rowsOf(store, 0)).toEqual([]);
    expect(store.count[0]).toBe(0);
    store.drop(1);
    expect(rowsOf(store, 1)).toEqual([]);
    expect(store.pool[1]).toBe(0);
  });

  it('cuts back at the end of a block and inside one (rows come in blocks of 8)', () => {
    const store = new RowStore(2);
    for (let k = 0; k < 8; k++) push(store, 0, row(k, 1));
    const full = { count: store.count[0]!, last: store.last[0]!, pool: store.pool[0]! };
    for (let k = 8; k < 19; k++) push(store, k % 2, row(k, 1));
    store.cut(0, full.count, full.last, full.pool);
    expect(rowsOf(store, 0).map((r) => r.day)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    push(store, 0, row(100, 1));
    expect(rowsOf(store, 0).map((r) => r.day)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 100]);
    const mid = { count: store.count[0]!, last: store.last[0]!, pool: store.pool[0]! };
    push(store, 0, row(101, 1));
    push(store, 0, row(102, 1));
    store.cut(0, mid.count, mid.last, mid.pool);
    push(store, 0, row(103, 1));
    expect(rowsOf(store, 0).map((r) => r.day)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 100, 103]);
    expect(rowsOf(store, 1).map((r) => r.day)).toEqual([9, 11, 13, 15, 17]);
  });

  it("hands a dropped item's blocks out again, other chains untouched", () => {
    const store = new RowStore(3);
    for (let k = 0; k < 20; k++) push(store, k % 4 === 0 ? 1 : 0, row(k, 1)); // 0: 15 rows
    store.drop(0);
    // Three blocks so far (rows 0 to 23): item 2's rows fill item 0's two, then a new one.
    for (let k = 0; k < 16; k++) push(store, 2, row(100 + k, 2));
    expect(store.last[2]).toBeLessThan(3 * 8);
    push(store, 2, row(116, 2));
    expect(store.last[2]).toBe(3 * 8);
    expect(rowsOf(store, 2).map((r) => r.day)).toEqual(
      Array.from({ length: 17 }, (_, k) => 100 + k),
    );
    expect(rowsOf(store, 1).map((r) => r.day)).toEqual([0, 4, 8, 12, 16]);
    expect(rowsOf(store, 0)).toEqual([]);
    // Dropping an item cut back to nothing, or with no rows, frees nothing twice.
    store.cut(1, 0, -1, 0);
    store.drop(1);
    for (let k = 0; k < 9; k++) push(store, 0, row(k, 3));
    push(store, 2, row(200, 2));
    expect(rowsOf(store, 0).map((r) => r.day)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rowsOf(store, 2).map((r) => r.day)).toEqual([
      ...Array.from({ length: 17 }, (_, k) => 100 + k),
      200,
    ]);
  });
});

describe('PegChains: pegging entries, a chain per planned order', () => {
  const entries = (p: PegChains, order: number) => {
    const out: [number, number][] = [];
    p.each(order, (ref, qty) => out.push([ref, qty]));
    return out;
  };

  it('keeps each order its entries in the order supply was taken, across chunks', () => {
    const p = new PegChains();
    for (let o = 0; o < 3; o++) p.open(o);
    const n = 140_000; // past two chunks of 65,536
    for (let k = 0; k < n; k++) p.add(k % 3, k, k + 0.25);
    const first = entries(p, 0);
    expect(first).toHaveLength(Math.ceil(n / 3));
    expect(first[0]).toEqual([0, 0.25]);
    expect(first.at(-1)).toEqual([n - 2, n - 2 + 0.25]);
    expect(entries(p, 2).every(([ref], k) => ref === 3 * k + 2)).toBe(true);
  });

  it('adds a take to the last entry only when it is the same order and demand', () => {
    const p = new PegChains();
    p.open(0);
    p.open(1);
    p.add(0, 7, 2);
    p.add(0, 7, 3); // the same order and demand, the last entry: added up
    p.add(1, 7, 1);
    p.add(0, 7, 4); // the same again, but not the last entry: a new one
    p.add(0, -5, 1); // a planned order's own reference
    expect(entries(p, 0)).toEqual([
      [7, 5],
      [7, 4],
      [-5, 1],
    ]);
    expect(entries(p, 1)).toEqual([[7, 1]]);
    expect(p.size).toBe(4);
  });

  it('takes an item back: entries truncated, its orders opened again start empty', () => {
    const p = new PegChains();
    p.open(0);
    p.add(0, 1, 1);
    const mark = p.size;
    p.open(1);
    p.add(1, 2, 2);
    p.add(1, 3, 3);
    p.truncate(mark);
    p.open(1);
    expect(entries(p, 1)).toEqual([]);
    p.add(1, 4, 4);
    expect(entries(p, 1)).toEqual([[4, 4]]);
    expect(entries(p, 0)).toEqual([[1, 1]]);
    // An order never opened has no entries.
    expect(entries(p, 5)).toEqual([]);
    expect(entries(p, 99_999)).toEqual([]);
  });
});
