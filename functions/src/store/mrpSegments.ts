/**
 * How an MRP result is laid out in the table: planned orders and exceptions, each already
 * sorted by item, cut into segments of a fixed number of rows, with an index of every
 * segment's first position and item range. One item's rows are then a segment or two, a page
 * of the whole result is the segments it spans, and an order id (which is its position) finds
 * its segment by binary search. Pure: unit-tested without a table.
 */
export type SegmentMeta = { first: number; count: number; firstItem: string; lastItem: string };
export type ResultIndex = { orders: SegmentMeta[]; exceptions: SegmentMeta[] };

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
