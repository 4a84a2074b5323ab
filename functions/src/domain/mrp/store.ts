/**
 * Struct-of-arrays store of one item's demand rows for the planning loops. A plan of 20,000
 * items makes over a million rows; as objects they spent most of a run in the garbage
 * collector. Plain number arrays grow cheaply (typed arrays cost more to reallocate for the
 * many items with a handful of rows).
 */
export class DemandRows {
  n = 0;
  readonly day: number[] = [];
  readonly qty: number[] = [];
  /** Index into the run's reference texts (SO-1/1, PLAN:..., SAFETY). */
  readonly ref: number[] = [];
  /** Index into the run's substitute lists, -1 for none. */
  readonly subs: number[] = [];
  /** Index into the run's tracking numbers, 0 for the pool. */
  readonly track: number[] = [];
  /** Sum of the quantities in the pool (tracking 0). */
  poolTotal = 0;

  push(day: number, qty: number, ref: number, subs: number, track: number): void {
    this.day.push(day);
    this.qty.push(qty);
    this.ref.push(ref);
    this.subs.push(subs);
    this.track.push(track);
    this.n++;
    if (track === 0) this.poolTotal += qty;
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
