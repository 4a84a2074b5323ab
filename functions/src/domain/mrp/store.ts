/**
 * Every demand row of a run, of all items, in one buffer doubled when full, a row's fields side
 * by side in 32 bytes (day, reference, substitutes, tracking number, next row, quantity); an
 * item's rows are a chain in the order they arose, so a row's number grows with it. Rows per
 * item in arrays of their own were copied as each grew and again by the collector as they
 * lived on; fields side by side cost one cache miss per row where columns cost one per field.
 * Rows are never removed, only an item's chain cut back or let go. The buffer of a finished
 * run is kept for the next (`release`): a new one each run, tens of MB outside the heap, made
 * the collector run full collections.
 */
export class RowStore {
  size = 0;
  private ints: Int32Array;
  private nums: Float64Array;
  /** Per item: its first and last row (-1: none), how many rows, and the sum of its pool's. */
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly count: Int32Array;
  readonly pool: Float64Array;

  constructor(items: number) {
    const buffer = spareRows ?? new ArrayBuffer(ROW_BYTES * (1 << 14));
    spareRows = undefined;
    this.ints = new Int32Array(buffer);
    this.nums = new Float64Array(buffer);
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
    const r = this.size;
    if (ROW_BYTES * (r + 1) > this.ints.byteLength) {
      const buffer = new ArrayBuffer(this.ints.byteLength * 2);
      const ints = new Int32Array(buffer);
      ints.set(this.ints);
      this.ints = ints;
      this.nums = new Float64Array(buffer);
    }
    const ints = this.ints;
    const at = 8 * r;
    ints[at] = day;
    ints[at + 1] = ref;
    ints[at + 2] = subs;
    ints[at + 3] = track;
    ints[at + 4] = -1;
    this.nums[4 * r + 3] = qty;
    this.size = r + 1;
    const last = this.last[item]!;
    if (last < 0) this.first[item] = r;
    else ints[8 * last + 4] = r;
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
    const ints = this.ints;
    const nums = this.nums;
    let m = 0;
    for (let r = this.first[item]!; r >= 0; m++) {
      const at = 8 * r;
      day[m] = ints[at]!;
      ref[m] = ints[at + 1]!;
      subs[m] = ints[at + 2]!;
      track[m] = ints[at + 3]!;
      qty[m] = nums[4 * r + 3]!;
      r = ints[at + 4]!;
    }
    return m;
  }

  /** Cuts the item's chain back to what it was: `count` rows, the last `last`, pool `pool`. */
  cut(item: number, count: number, last: number, pool: number): void {
    if (count === 0) return this.drop(item);
    this.count[item] = count;
    this.last[item] = last;
    this.ints[8 * last + 4] = -1;
    this.pool[item] = pool;
  }

  /** The item has no rows any more. */
  drop(item: number): void {
    this.first[item] = -1;
    this.last[item] = -1;
    this.count[item] = 0;
    this.pool[item] = 0;
  }

  /** The run is done with its rows: the buffer serves the next run (the store is unusable). */
  release(): void {
    if (this.ints.byteLength <= MAX_SPARE_BYTES) spareRows = this.ints.buffer as ArrayBuffer;
    this.ints = new Int32Array(0);
    this.nums = new Float64Array(0);
  }
}
/** Bytes per row of a RowStore: five int32 fields and a float64 quantity at byte 24. */
const ROW_BYTES = 32;
/** The largest buffer kept between runs: a 20,000-item factory's rows (a larger one is made anew). */
const MAX_SPARE_BYTES = 64 * 2 ** 20;
let spareRows: ArrayBuffer | undefined;

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
