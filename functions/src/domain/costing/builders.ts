// Test builders for costing: a period, items, orders and moves with defaults, so that each
// test states only what it is about.
import type { CostingInput, CostMove, CostOrder } from './types.js';

export function aPeriod(overrides: Partial<CostingInput> = {}): CostingInput {
  return {
    period: { id: '2026-11', from: '2026-11-01', to: '2026-11-30' },
    items: [],
    opening: { stock: [], wip: [] },
    orders: [],
    moves: [],
    pools: [],
    ...overrides,
  };
}

export function anOrder(no: string, item: string, overrides: Partial<CostOrder> = {}): CostOrder {
  return { no, kind: 'task', item, qty: '10', date: '2026-11-02', ...overrides };
}

let docCounter = 0;
/** A move; each call is its own document unless `doc` is given. */
export function aMove(
  kind: CostMove['kind'],
  item: string,
  qty: string,
  overrides: Partial<CostMove> = {},
): CostMove {
  return {
    kind,
    item,
    qty,
    doc: `D${String(++docCounter).padStart(4, '0')}`,
    line: 1,
    date: '2026-11-10',
    ...overrides,
  };
}
