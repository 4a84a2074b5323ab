import {
  cutSegments,
  type LayerIndex,
  layersOf,
  MAX_LAYERS,
  mergeSortedByItem,
  netLayer,
  orderId,
  orderPosition,
  type ResultIndex,
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

describe('MRP result layers', () => {
  const metas = (item: string) => [{ first: 0, count: 1, firstItem: item, lastItem: item }];
  const full: ResultIndex = { orders: metas('A'), exceptions: [] };
  const layer = (runId: string, items: string[]): LayerIndex => ({
    runId,
    orders: metas(items[0]!),
    exceptions: [],
    items,
  });

  it('gives an item to the topmost layer that names it, the rest to the base', () => {
    const index: ResultIndex = {
      orders: metas('B'),
      exceptions: [],
      items: ['B', 'D'],
      under: [{ runId: 'R1', ...full }, layer('R2', ['B', 'C'])],
    };
    const layers = layersOf('R3', index);
    expect(layers.map((l) => l.runId)).toEqual(['R1', 'R2', 'R3']);
    const holder = (item: string) => layers.filter((l) => l.holds(item)).map((l) => l.runId);
    expect(['A', 'B', 'C', 'D', 'E'].map(holder)).toEqual([['R1'], ['R3'], ['R2'], ['R3'], ['R1']]);
    // A full run is one layer holding everything.
    expect(layersOf('R1', full).map((l) => [l.runId, l.holds('Z')])).toEqual([['R1', true]]);
  });

  it('stacks a net run on the layers of the plan it is based on, and folds a full stack', () => {
    expect(netLayer('R1', full, ['C', 'A'])).toEqual({
      items: ['A', 'C'],
      under: [{ runId: 'R1', ...full }],
    });
    const stacked = netLayer('R2', { ...layer('R2', ['B']), under: [{ runId: 'R1', ...full }] }, [
      'C',
    ]);
    expect(stacked.items).toEqual(['C']);
    expect(stacked.under.map((l) => l.runId)).toEqual(['R1', 'R2']);

    // MAX_LAYERS layers already: the net layers fold into the new one, over the base alone.
    const under = [
      { runId: 'R0', ...full },
      ...Array.from({ length: MAX_LAYERS - 2 }, (_, k) => layer(`N${k}`, [`I${k}`])),
    ];
    const top = { ...layer('T', ['Z']), under };
    expect(layersOf('T', top)).toHaveLength(MAX_LAYERS);
    const folded = netLayer('T', top, ['Y']);
    expect(folded.under.map((l) => l.runId)).toEqual(['R0']);
    expect(folded.items).toEqual(
      [...Array.from({ length: MAX_LAYERS - 2 }, (_, k) => `I${k}`), 'Y', 'Z'].sort(),
    );
  });

  it('finds the layer and position of an order id, and nothing for another run or a bad number', () => {
    const layers = layersOf('R2', { ...layer('R2', ['B']), under: [{ runId: 'R1', ...full }] });
    expect(orderPosition(layers, 'R1-5')).toEqual({ layer: 0, position: 4 });
    expect(orderPosition(layers, orderId('R2', 7))).toEqual({ layer: 1, position: 7 });
    expect(orderPosition(layers, 'R2-1')).toEqual({ layer: 1, position: 0 });
    for (const id of ['R3-1', 'R1-0', 'R1-x', 'R2-1.5', 'R1'])
      expect(orderPosition(layers, id)).toBeUndefined();
  });

  it('merges lists sorted by item into one, each keeping its own order', () => {
    const rows = (list: string) => list.split(' ').map((t) => ({ item: t[0]!, t }));
    expect(
      mergeSortedByItem([rows('A1 A2 D1'), [], rows('B1 E1 E2'), rows('C1 F1')]).map((r) => r.t),
    ).toEqual(['A1', 'A2', 'B1', 'C1', 'D1', 'E1', 'E2', 'F1']);
    expect(mergeSortedByItem([])).toEqual([]);
  });
});
