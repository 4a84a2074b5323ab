/**
 * Every demand row of a run, of all items: a row's five fields side by side (day, reference,
 * substitutes, tracking number, quantity), an item's rows in blocks of 8 chained in the order
 * they arose, blocks in chunks of 65,536 rows held in number arrays.
 * - Rows per item in arrays of their own were copied as each grew and again by the collector
 *   as they lived on. Side by side and in blocks, reading an item's rows back costs a cache
 *   miss per block, not one per field of every row (rows of one item arrive between those of
 *   thousands of others).
 * - Chunks, not one buffer doubled, and in the heap: memory outside it (typed arrays) makes V8
 *   run a full collection for every 64 MB or so allocated, and doubling allocates twice what is
 *   kept. A chunk of numbers holds no pointers: the collector neither marks into it nor moves
 *   it (a large object).
 * Rows are never removed one by one: an item's chain is cut back, or dropped whole and its
 * blocks used again.
 */
export class RowStore {
  /** Blocks handed out (their rows: 8 × blocks), and each one's next block (-1: none). */
  private readonly next: number[] = [];
  private readonly chunks: number[][] = [];
  /**
   * Blocks of dropped items, chained, handed out before new ones. It saves little: most rows
   * wait for the purchased parts planned last (on a 20,000-item factory, 12 chunks instead of
   * 14). Blocks past an item's cut-back are not handed out again.
   */
  private free = -1;
  /** Per item: its first block and last row (-1: none), how many rows, its pool's sum. */
  private readonly first: Int32Array;
  readonly last: Int32Array;
  readonly count: Int32Array;
  readonly pool: Float64Array;

  constructor(items: number) {
    this.first = new Int32Array(items).fill(-1);
    this.last = new Int32Array(items).fill(-1);
    this.count = new Int32Array(items);
    this.pool = new Float64Array(items);
  }

  /**
   * A row of `item`: due `day`, `qty`, the demand's reference (an index into the run's texts,
   * or -1 - a planned order's number), its substitutes (an index into the run's lists, -1:
   * none) and tracking number (an index into the run's, 0: the pool).
   */
  push(item: number, day: number, qty: number, ref: number, subs: number, track: number): void {
    const last = this.last[item]!;
    let r: number;
    if (last >= 0 && (last & BLOCK_MASK) !== BLOCK_MASK) r = last + 1;
    else {
      const block = this.newBlock();
      if (last < 0) this.first[item] = block;
      else this.next[last >>> BLOCK_BITS] = block;
      r = block << BLOCK_BITS;
    }
    const chunk = this.chunks[r >>> CHUNK_BITS]!;
    const at = FIELDS * (r & CHUNK_MASK);
    chunk[at] = day;
    chunk[at + 1] = ref;
    chunk[at + 2] = subs;
    chunk[at + 3] = track;
    chunk[at + 4] = qty;
    this.last[item] = r;
    this.count[item]!++;
    if (track === 0) this.pool[item]! += qty;
  }

  /**
   * Copies the item's rows, in order, into the columns given (room for `count` rows each);
   * returns how many.
   */
  gather(
    item: number,
    day: Int32Array,
    qty: Float64Array,
    ref: Int32Array,
    subs: Int32Array,
    track: Int32Array,
  ): number {
    const last = this.last[item]!;
    let m = 0;
    for (let block = this.first[item]!; block >= 0;) {
      const r0 = block << BLOCK_BITS;
      const chunk = this.chunks[r0 >>> CHUNK_BITS]!;
      const end = r0 === (last & ~BLOCK_MASK) ? last : r0 + BLOCK_MASK;
      for (let at = FIELDS * (r0 & CHUNK_MASK), to = at + FIELDS * (end - r0); at <= to;) {
        day[m] = chunk[at++]!;
        ref[m] = chunk[at++]!;
        subs[m] = chunk[at++]!;
        track[m] = chunk[at++]!;
        qty[m] = chunk[at++]!;
        m++;
      }
      block = end === last ? -1 : this.next[block]!;
    }
    return m;
  }

  /** Cuts the item's chain back to what it was: `count` rows, the last `last`, pool `pool`. */
  cut(item: number, count: number, last: number, pool: number): void {
    if (count === 0) return this.drop(item);
    this.count[item] = count;
    this.last[item] = last;
    this.pool[item] = pool;
  }

  /** The item has no rows any more: its blocks are handed out again. */
  drop(item: number): void {
    const first = this.first[item]!;
    if (first >= 0) {
      this.next[this.last[item]! >>> BLOCK_BITS] = this.free;
      this.free = first;
    }
    this.first[item] = -1;
    this.last[item] = -1;
    this.count[item] = 0;
    this.pool[item] = 0;
  }

  private newBlock(): number {
    if (this.free >= 0) {
      const block = this.free;
      this.free = this.next[block]!;
      this.next[block] = -1;
      return block;
    }
    const block = this.next.length;
    this.next.push(-1);
    if ((block << BLOCK_BITS) >>> CHUNK_BITS === this.chunks.length)
      this.chunks.push(numberChunk(FIELDS));
    return block;
  }
}
/** Numbers per row. */
const FIELDS = 5;
/** Rows per block of an item's chain. */
const BLOCK_BITS = 3;
const BLOCK_MASK = (1 << BLOCK_BITS) - 1;
/** Rows per chunk: 2^16, 2.5 MiB. */
const CHUNK_BITS = 16;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/**
 * A chunk of 2^16 records of `fields` numbers, in the heap. Made holding a fraction, so the
 * array keeps unboxed doubles from the start (no pointers for the collector to follow).
 */
function numberChunk(fields: number): number[] {
  return new Array<number>(fields << CHUNK_BITS).fill(0.5);
}

/**
 * A run's pegging entries (which demand took how much from which planned order), a chain per
 * order in the order supply was taken, in chunks of 65,536 entries (reference, next entry,
 * quantity) in the heap, for the reasons the row store's are; chains so the result reads an
 * order's entries without sorting them all first. A take from the order and demand of the last
 * entry adds to it.
 */
export class PegChains {
  size = 0;
  private readonly chunks: number[][] = [];
  /** Per order: its first and last entry (-1: none). */
  private first = new Int32Array(1 << 12).fill(-1);
  private last = new Int32Array(1 << 12).fill(-1);

  /** A new order `order` (the next number, or one taken back), with no entries yet. */
  open(order: number): void {
    if (order >= this.first.length) {
      const size = Math.max(order + 1, this.first.length * 2);
      const first = new Int32Array(size).fill(-1);
      first.set(this.first);
      this.first = first;
      const last = new Int32Array(size).fill(-1);
      last.set(this.last);
      this.last = last;
    }
    this.first[order] = -1;
    this.last[order] = -1;
  }

  /** Demand `ref` took `qty` from planned order `order`. */
  add(order: number, ref: number, qty: number): void {
    const e = this.size;
    const prev = this.last[order]!;
    if (prev >= 0 && prev === e - 1) {
      const chunk = this.chunks[prev >>> CHUNK_BITS]!;
      const at = 3 * (prev & CHUNK_MASK);
      if (chunk[at] === ref) {
        chunk[at + 2]! += qty;
        return;
      }
    }
    const c = e >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(numberChunk(3));
    const chunk = this.chunks[c]!;
    const at = 3 * (e & CHUNK_MASK);
    chunk[at] = ref;
    chunk[at + 1] = -1;
    chunk[at + 2] = qty;
    if (prev < 0) this.first[order] = e;
    else this.chunks[prev >>> CHUNK_BITS]![3 * (prev & CHUNK_MASK) + 1] = e;
    this.last[order] = e;
    this.size = e + 1;
  }

  /**
   * Back to `size` entries: those after it belong to orders being taken back, which are opened
   * again before any entry is added to them.
   */
  truncate(size: number): void {
    this.size = size;
  }

  /** Calls `visit` with each entry of the order, in the order supply was taken. */
  each(order: number, visit: (ref: number, qty: number) => void): void {
    if (order >= this.first.length) return;
    for (let e = this.first[order]!; e >= 0;) {
      const chunk = this.chunks[e >>> CHUNK_BITS]!;
      const at = 3 * (e & CHUNK_MASK);
      visit(chunk[at]!, chunk[at + 2]!);
      e = chunk[at + 1]!;
    }
  }
}

/** Strings numbered once, looked up by number in the loops. */
export class Interned {
  readonly texts: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(first?: string) {
    if (first !== undefined) this.id(first);
  }

  id(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.texts.length;
      this.texts.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  /** A text known to be new (a planned order's own reference): no lookup needed. */
  add(text: string): number {
    this.texts.push(text);
    return this.texts.length - 1;
  }
}
