// Test builders for the shop-floor rules: orders, component lines and item facts
// with defaults, so each test states only what it is about.
import type { ComponentFacts, ComponentLine, PurchaseOrderFacts, TaskOrderFacts } from './types.js';

export function aPurchaseOrder(overrides: Partial<PurchaseOrderFacts> = {}): PurchaseOrderFacts {
  return {
    no: 'PO-1',
    supplier: 'S1',
    status: 'open',
    lines: [{ item: 'BOLT', qty: '100', received: '0', dueDate: '2026-12-01' }],
    ...overrides,
  };
}

export function aTaskOrder(overrides: Partial<TaskOrderFacts> = {}): TaskOrderFacts {
  return {
    no: 'MO-1',
    item: 'FAN',
    qty: '10',
    received: '0',
    startDate: '2026-12-01',
    dueDate: '2026-12-05',
    status: 'open',
    issued: [],
    reportedGood: '0',
    reportedScrap: '0',
    ...overrides,
  };
}

export function aLine(overrides: Partial<ComponentLine> = {}): ComponentLine {
  return { item: 'BOLT', qtyPer: '1', lossRate: '0', issueMethod: 'backflush', ...overrides };
}

/** Item facts over the given items (default: purchased, 0 decimals, warehouse RM). */
export function itemFacts(
  items: Record<string, Partial<ComponentFacts>>,
): (code: string) => ComponentFacts | undefined {
  return (code) =>
    code in items
      ? { source: 'purchased', precision: 0, defaultWarehouse: 'RM', ...items[code] }
      : undefined;
}
