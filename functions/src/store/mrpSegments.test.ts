import {
  cutSegments,
  segmentKind,
  segmentOfPosition,
  segmentsOfItem,
  segmentsOfRange,
} from './mrpSegments.js';

const rows = (items: string[]) => items.map((item, n) => ({ item, n }));

describe('MRP result segments', () => {
  const data = rows(['A', 'A', 'B', 'B', 'B', 'C', 'D', 'D', 'E']);
  const { metas, chunks } = cutSegments(data, 3);

  it('cuts sorted rows into fixed-size segments with their first position and item range', () => {
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3]);
    expect(metas).toEqual([
      { first: 0, count: 3, firstItem: 'A', lastItem: 'B' },
      { first: 3, count: 3, firstItem: 'B', lastItem: 'C' },
      { first: 6, count: 3, firstItem: 'D', lastItem: 'E' },
    ]);
    expect(chunks.flat()).toEqual(data);
  });

  it('finds every segment an item spans, and none for an absent item', () => {
    expect(segmentsOfItem(metas, 'B')).toEqual([0, 1]);
    expect(segmentsOfItem(metas, 'A')).toEqual([0]);
    expect(segmentsOfItem(metas, 'E')).toEqual([2]);
    expect(segmentsOfItem(metas, 'CC')).toEqual([]);
    expect(segmentsOfItem(metas, '0')).toEqual([]);
  });

  it('finds the segments of an item range, open at either end', () => {
    expect(segmentsOfRange(metas, { after: undefined, upTo: undefined })).toEqual([0, 1, 2]);
    expect(segmentsOfRange(metas, { after: 'B', upTo: 'D' })).toEqual([1, 2]);
    expect(segmentsOfRange(metas, { after: 'C', upTo: undefined })).toEqual([2]);
    expect(segmentsOfRange(metas, { after: 'E', upTo: undefined })).toEqual([]);
  });

  it('finds the segment of a position by binary search', () => {
    expect([0, 2, 3, 5, 6, 8].map((p) => segmentOfPosition(metas, p))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(segmentOfPosition(metas, 9)).toBe(-1);
    expect(segmentOfPosition(metas, -1)).toBe(-1);
    expect(segmentOfPosition([], 0)).toBe(-1);
  });

  it('names segment parts so they sort in order', () => {
    expect(segmentKind('orders', 12)).toBe('PS00012');
    expect(segmentKind('exceptions', 3)).toBe('ES00003');
  });
});
