/**
 * How an MRP result is laid out in the table: planned orders and exceptions, each already
 * sorted by item, cut into segments of a fixed number of rows, with an index of every
 * segment's first position and item range. One item's rows are then a segment or two, a page
 * of the whole result is the segments it spans, and an order id (which is its position) finds
 * its segment by binary search. Pure: unit-tested without a table.
 *
 * A net run replans a few hundred items of thousands; writing the whole plan again was most of
 * its time. It stores only its own items' rows, as a layer over the runs below it: a full run
 * at the bottom (the base), then the net runs since, each holding the items it replanned. An
 * item's rows are those of the topmost layer that names it (the base names every item).
 */
export type SegmentMeta = { first: number; count: number; firstItem: string; lastItem: string };
export type ResultIndex = {
  orders: SegmentMeta[];
  exceptions: SegmentMeta[];
  /** A net run's layer: the items whose rows it holds, sorted (absent: every item). */
  items?: string[];
  /** The layers below this one, the base (a full run's) first. */
  under?: LayerIndex[];
};
/** One layer of a result: the run whose segments it is, and their index. */
export type LayerIndex = Omit<ResultIndex, 'under'> & { runId: string };
/** A layer as read: `holds(item)` says whether the item's rows are this layer's. */
export type Layer = LayerIndex & { holds: (item: string) => boolean };

/** The layers of a run's result, bottom first (a full run's is one layer). */
export function layersOf(runId: string, index: ResultIndex): Layer[] {
  const { under = [], ...own } = index;
  const stack: LayerIndex[] = [...under, { ...own, runId }];
  const top = new Map<string, number>();
  stack.forEach((l, k) => l.items?.forEach((item) => top.set(item, k)));
  return stack.map((l, k) => ({ ...l, holds: (item: string) => (top.get(item) ?? 0) === k }));
}

let netShare = 0.25;

/**
 * The largest share of a plan's orders a net run stores as a layer; past it the run writes
 * its whole plan (a new base). Tests raise it to exercise layers on small factories.
 */
export const maxNetShare = () => netShare;
export function useMaxNetShare(share: number | undefined): void {
  netShare = share ?? 0.25;
}

/** At most this many layers; a net run past it folds the net layers below it into its own. */
export const MAX_LAYERS = 8;

/**
 * What a net run based on `basedOn` (whose index is `previous`) stores as its own: the items it
 * replanned (and any other whose rows may differ), over the layers of `basedOn`. When the
 * stack is full, the net layers are folded into the new one (their items are its own too).
 */
export function netLayer(
  basedOn: string,
  previous: ResultIndex,
  items: Iterable<string>,
): { items: string[]; under: LayerIndex[] } {
  const below = layersOf(basedOn, previous).map(({ holds: _h, ...l }) => l);
  const own = new Set(items);
  let under = below;
  if (below.length + 1 > MAX_LAYERS) {
    under = below.slice(0, 1);
    for (const l of below.slice(1)) l.items?.forEach((item) => own.add(item));
  }
  return { items: [...own].sort(), under };
}

/** The layer that holds an item's rows (the base when no net layer names it). */
export function layerOfItem(layers: readonly Layer[], item: string): Layer {
  return layers.find((l) => l.holds(item))!;
}

/** A stored planned order's id: `<runId>-<position + 1>` among the rows that run stored. */
export const orderId = (runId: string, position: number) => `${runId}-${position + 1}`;

/** The layer whose order ids these are (`orderId`) and the position, if any. */
export function orderPosition(
  layers: readonly Layer[],
  id: string,
): { layer: number; position: number } | undefined {
  for (let k = 0; k < layers.length; k++) {
    const prefix = `${layers[k]!.runId}-`;
    if (!id.startsWith(prefix)) continue;
    const n = Number(id.slice(prefix.length));
    if (Number.isInteger(n) && n >= 1) return { layer: k, position: n - 1 };
  }
  return undefined;
}

/** Lists sorted by item, no item in two of them, into one sorted list (each keeps its order). */
export function mergeSortedByItem<T extends { item: string }>(
  lists: readonly (readonly T[])[],
): T[] {
  let merged: readonly T[] = [];
  for (const list of lists) {
    if (!list.length) continue;
    if (!merged.length) {
      merged = list;
      continue;
    }
    const out: T[] = new Array(merged.length + list.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < merged.length && j < list.length)
      out[k++] = list[j]!.item < merged[i]!.item ? list[j++]! : merged[i++]!;
    while (i < merged.length) out[k++] = merged[i++]!;
    while (j < list.length) out[k++] = list[j++]!;
    merged = out;
  }
  return [...merged];
}

let segmentRows = 4000;

/** Tests shrink segments to exercise results that span many of them with little data. */
export function useSegmentRows(rows: number | undefined): void {
  segmentRows = rows ?? 4000;
}

export function cutSegments<T extends { item: string }>(
  rows: readonly T[],
  size = segmentRows,
): { metas: SegmentMeta[]; chunks: T[][] } {
  const metas: SegmentMeta[] = [];
  const chunks: T[][] = [];
  for (let first = 0; first < rows.length; first += size) {
    const chunk = rows.slice(first, first + size);
    chunks.push(chunk);
    metas.push({
      first,
      count: chunk.length,
      firstItem: chunk[0]!.item,
      lastItem: chunk[chunk.length - 1]!.item,
    });
  }
  return { metas, chunks };
}

/** Segments whose item range holds `item` (rows are sorted by item, so they are adjacent). */
export function segmentsOfItem(metas: readonly SegmentMeta[], item: string): number[] {
  return segmentsOfRange(metas, { after: undefined, upTo: item }).filter(
    (n) => metas[n]!.lastItem >= item,
  );
}

/** Segments that may hold rows with item in (after, upTo]; an absent bound is open. */
export function segmentsOfRange(
  metas: readonly SegmentMeta[],
  range: { after: string | undefined; upTo: string | undefined },
): number[] {
  const out: number[] = [];
  metas.forEach((m, n) => {
    if (range.after !== undefined && m.lastItem <= range.after) return;
    if (range.upTo !== undefined && m.firstItem > range.upTo) return;
    out.push(n);
  });
  return out;
}

/** The segment holding the row at `position` (0-based), or -1 past the end. */
export function segmentOfPosition(metas: readonly SegmentMeta[], position: number): number {
  let lo = 0;
  let hi = metas.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = metas[mid]!;
    if (position < m.first) hi = mid - 1;
    else if (position >= m.first + m.count) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Segment part kinds: `PS00012` (planned orders), `ES00003` (exceptions), `PX` (the index). */
export const segmentKind = (what: 'orders' | 'exceptions', n: number) =>
  `${what === 'orders' ? 'PS' : 'ES'}${String(n).padStart(5, '0')}`;
