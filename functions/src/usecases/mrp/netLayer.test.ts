import type {
  MrpException,
  NetChange,
  PlannedOrder,
  PlanningResult,
} from '../../domain/mrp/index.js';
import { useMaxNetShare } from '../../store/mrpSegments.js';
import {
  changedOrderItems,
  netLayerOf,
  rowsOfItems,
  sameExceptions,
  sameOrders,
} from './netLayer.js';

const order = (item: string, over: Partial<PlannedOrder> = {}): PlannedOrder => ({
  type: 'purchase',
  item,
  qty: '5',
  releaseDate: '2026-12-02',
  dueDate: '2026-12-04',
  trackingNo: null,
  supplier: 'S1',
  pegging: [{ demand: 'SO-1/1', qty: '5' }],
  substitutes: [],
  late: false,
  ...over,
});
const broken = (item: string): MrpException => ({
  kind: 'promiseBroken',
  item,
  detail: 'SO-1/1：承诺交期 2026-12-03',
});
const rows = (plannedOrders: PlannedOrder[], exceptions: MrpException[] = []) => ({
  plannedOrders,
  exceptions,
});

/** An item's rows are the same: its orders and its exceptions. */
const sameRows = (a: ReturnType<typeof rows>, b: ReturnType<typeof rows>) =>
  sameOrders(a.plannedOrders, b.plannedOrders) && sameExceptions(a.exceptions, b.exceptions);

describe('sameOrders and sameExceptions', () => {
  it('is true for the same orders and exceptions, however the pegging is held', () => {
    const lazy = order('A');
    Object.defineProperty(lazy, 'pegging', {
      enumerable: true,
      get: () => [{ demand: 'SO-1/1', qty: '5' }],
    });
    expect(sameRows(rows([order('A')]), rows([lazy]))).toBe(true);
    expect(sameRows(rows([], [broken('A')]), rows([], [broken('A')]))).toBe(true);
  });

  it('is false when any field, pegging entry, substitute or exception differs', () => {
    const base = rows([order('A')]);
    for (const other of [
      rows([order('A', { qty: '6' })]),
      rows([order('A', { dueDate: '2026-12-05' })]),
      rows([order('A', { late: true })]),
      rows([order('A', { pegging: [{ demand: 'SO-1/1', qty: '4' }] })]),
      rows([order('A', { pegging: [{ demand: 'SO-2/1', qty: '5' }] })]),
      rows([order('A', { substitutes: [{ item: 'B', qty: '1' }] })]),
      rows([order('A'), order('A')]),
      rows([order('A')], [broken('A')]),
    ])
      expect(sameRows(base, other)).toBe(false);
  });
});

describe('rowsOfItems', () => {
  const a1 = order('A', { dueDate: '2026-12-04' });
  const a2 = order('A', { dueDate: '2026-12-05' });
  const b = order('B');
  const c = order('C');
  const exceptions = [broken('A'), broken('C')];

  it('gives the items’ orders and exceptions in the plan’s order, whatever the set’s', () => {
    const plan = rows([a1, a2, b, c], exceptions);
    expect(rowsOfItems(plan, new Set(['C', 'X', 'A']))).toEqual(
      rows([a1, a2, c], [broken('A'), broken('C')]),
    );
    expect(rowsOfItems(plan, new Set())).toEqual(rows([], []));
  });

  it('filters a list not sorted by item as it stands', () => {
    expect(rowsOfItems(rows([c, a1, b, a2]), new Set(['A', 'C'])).plannedOrders).toEqual([
      c,
      a1,
      a2,
    ]);
  });
});

describe('netLayerOf', () => {
  const index = { orders: [], exceptions: [] };
  const repo = { getResultIndex: async () => index };
  afterEach(() => useMaxNetShare(undefined));

  const result = (r: ReturnType<typeof rows>, replanned: string[]): PlanningResult => {
    const out = { runDate: '2026-12-01', ...r } as PlanningResult;
    Object.defineProperty(out, 'netChange', {
      value: {
        mode: 'net',
        items: 9,
        replanned: replanned.length,
        replannedItems: new Set(replanned),
      },
    });
    return out;
  };
  const previous = rows(
    [order('A'), order('B'), order('C'), order('D'), order('E')],
    [broken('C')],
  );
  const change: NetChange = {
    previous: { runDate: '2026-12-01', ...previous },
    dirty: new Set(['A']),
  };
  /** The replanned items whose orders changed, as the run finds them once. */
  const changedOf = (now: PlanningResult) =>
    changedOrderItems(previous, now, now.netChange!.replannedItems!);

  it('holds the replanned items whose rows changed and those whose promise changed', async () => {
    useMaxNetShare(1);
    // A changed; B planned again to the same; C's promise is no longer broken; D untouched.
    // (Only A's orders changed.)
    const now = result(
      rows([order('A', { qty: '9' }), order('B'), order('C'), order('D'), order('E')]),
      ['A', 'B'],
    );
    expect(changedOf(now)).toEqual(new Set(['A']));
    expect(await netLayerOf(repo, 'R1', change, now, changedOf(now))).toEqual({
      items: ['A', 'C'],
      under: [{ runId: 'R1', ...index }],
    });
  });

  it('is no layer past the share of orders a layer may hold, nor for a run planned in full', async () => {
    const now = result(
      rows([
        order('A', { qty: '9' }),
        order('B', { qty: '9' }),
        order('C'),
        order('D'),
        order('E'),
      ]),
      ['A', 'B'],
    );
    useMaxNetShare(0.25);
    expect(await netLayerOf(repo, 'R1', change, now, changedOf(now))).toBeUndefined();
    // A, B and C: three of five orders.
    useMaxNetShare(0.6);
    expect(await netLayerOf(repo, 'R1', change, now, changedOf(now))).toMatchObject({
      items: ['A', 'B', 'C'],
    });
    const full = { runDate: '2026-12-01', ...previous } as PlanningResult;
    expect(await netLayerOf(repo, 'R1', change, full, new Set())).toBeUndefined();
  });
});
