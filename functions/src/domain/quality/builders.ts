// Test builders for quality: an inspection order, a result input, a posted result, the
// tenant's defect list.
import type {
  Defect,
  InspectionOrder,
  InspectionResult,
  InspectionResultInput,
} from '@factory/shared';
import type { ResultFacts } from './result.js';

/** 100 kg of steel from PO-1 line 2, received by RC-1 line 1 into QC, lot L1, open. */
export function anInspectionOrder(overrides: Partial<InspectionOrder> = {}): InspectionOrder {
  return {
    no: 'QC-1',
    receipt: { kind: 'purchase', doc: 'RC-1', line: 1 },
    item: 'STEEL',
    qty: '100',
    warehouse: 'QC',
    lot: 'L1',
    source: { order: 'PO-1', line: 2 },
    partner: 'S1',
    status: 'open',
    openedAt: '2026-12-01T01:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function aResultInput(
  overrides: Partial<InspectionResultInput> = {},
): InspectionResultInput {
  return {
    sampled: '10',
    accepted: '95.5',
    rejected: '4.5',
    defects: [{ code: 'SCRATCH', qty: '2' }],
    ...overrides,
  };
}

export function aResult(overrides: Partial<InspectionResult> = {}): InspectionResult {
  return {
    id: 'QR-1',
    order: 'QC-1',
    sampled: '10',
    accepted: '95.5',
    rejected: '4.5',
    defects: [{ code: 'SCRATCH', qty: '2' }],
    inspector: 'qc1',
    at: '2026-12-01T02:00:00.000Z',
    ...overrides,
  };
}

export function aDefect(overrides: Partial<Defect> = {}): Defect {
  return { code: 'SCRATCH', name: '划伤', category: '外观', active: true, ...overrides };
}

export function resultFacts(overrides: Partial<ResultFacts> = {}): ResultFacts {
  return {
    precision: 3,
    defects: new Map(
      [aDefect(), aDefect({ code: 'DIM', name: '尺寸超差', category: '尺寸' })].map((d) => [
        d.code,
        d,
      ]),
    ),
    ...overrides,
  };
}
