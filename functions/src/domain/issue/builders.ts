// Test builders for task orders and picking: each test states only what it is about.
import type { BomLine, ItemSource, TaskNeed } from '@factory/shared';
import type { NeedsContext } from './needs.js';
import type { PickOrder } from './pick.js';

export function aNeed(overrides: Partial<TaskNeed> = {}): TaskNeed {
  return {
    item: 'A',
    qtyPer: '2',
    lossRate: '0',
    required: '20',
    issued: '0',
    warehouse: 'RM',
    issueMethod: 'manual',
    ...overrides,
  };
}

export function aTaskOrder(overrides: Partial<PickOrder> = {}): PickOrder {
  return { no: 'MO1', qty: '10', needs: [aNeed()], ...overrides };
}

export function aLine(component: string, qtyPer: string, extra: Partial<BomLine> = {}): BomLine {
  return {
    component,
    qtyPer,
    lossRate: '0',
    issueMethod: 'manual',
    substitutes: [],
    ...extra,
  };
}

/** A needs context from item specs and BOMs given as parent -> lines. */
export function aContext(
  items: Record<
    string,
    {
      source?: ItemSource;
      precision?: number;
      defaultWarehouse?: string;
      strategy?: 'mto' | 'mts';
    }
  >,
  boms: Record<string, BomLine[]>,
): NeedsContext {
  return {
    item: (code) => {
      const i = items[code];
      return i ? { source: i.source ?? 'purchased', precision: i.precision ?? 0, ...i } : undefined;
    },
    bom: (parent) => (boms[parent] ? { version: 'V1', lines: boms[parent] } : undefined),
  };
}
