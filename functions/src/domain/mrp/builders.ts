// Test builders for MRP: a factory with defaults, so each test states only its rule.
import type { LotSizing } from '@factory/shared';
import type { MrpBomVersion, MrpInput, MrpItem } from './types.js';

export function anItem(code: string, overrides: Partial<MrpItem> = {}): MrpItem {
  return {
    code,
    source: 'purchased',
    strategy: 'mts',
    leadTimeDays: 0,
    safetyStock: '0',
    lotSizing: { rule: 'lotForLot' } as LotSizing,
    precision: 0,
    ...overrides,
  };
}

export const made = (code: string, overrides: Partial<MrpItem> = {}) =>
  anItem(code, { source: 'manufactured', ...overrides });
export const phantomItem = (code: string) => anItem(code, { source: 'phantom' });

export function bom(
  lines: [component: string, qtyPer: string, lossRate?: string][],
  extra: Partial<MrpBomVersion> = {},
): MrpBomVersion[] {
  return [
    {
      version: 'V1',
      lines: lines.map(([component, qtyPer, lossRate]) => ({
        component,
        qtyPer,
        lossRate: lossRate ?? '0',
        substitutes: [],
      })),
      ...extra,
    },
  ];
}

/** 2026-12-01 is a Tuesday; weekends off; no holidays unless given. */
export function anInput(overrides: Partial<MrpInput> = {}): MrpInput {
  return {
    runDate: '2026-12-01',
    horizonDays: 60,
    calendar: { nonWorkingWeekdays: [6, 7], holidays: [] },
    items: [],
    boms: new Map(),
    stock: [],
    purchaseOrders: [],
    workOrders: [],
    salesOrders: [],
    forecasts: [],
    ...overrides,
  };
}

export const so = (
  no: string,
  item: string,
  qty: string,
  dueDate: string,
  line = 1,
  trackingNo?: string,
) => ({
  no,
  line,
  item,
  qty,
  dueDate,
  ...(trackingNo ? { trackingNo } : {}),
});
