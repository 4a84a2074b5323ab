import type { OutsourcingNeed, OutsourcingOrderRecord } from './types.js';

export function anOutsourcingNeed(overrides: Partial<OutsourcingNeed> = {}): OutsourcingNeed {
  return {
    item: 'BOLT',
    qtyPer: '2',
    lossRate: '0',
    required: '20',
    issued: '0',
    warehouse: 'RM',
    issueMethod: 'manual',
    ...overrides,
  };
}

/** An open order of 10 PAINTED from W1: 2 bolts and 0.5 kg steel (10 % loss) per piece. */
export function anOutsourcingOrder(
  overrides: Partial<OutsourcingOrderRecord> = {},
): OutsourcingOrderRecord {
  return {
    no: 'WX-1',
    origin: 'entry',
    supplier: 'W1',
    item: 'PAINTED',
    qty: '10',
    received: '0',
    startDate: '2026-12-02',
    dueDate: '2026-12-10',
    status: 'open',
    needs: [
      anOutsourcingNeed(),
      anOutsourcingNeed({
        item: 'STEEL',
        qtyPer: '0.5',
        lossRate: '0.1',
        required: '5.5',
        warehouse: 'LINE',
      }),
    ],
    issued: [],
    consumed: [],
    extras: [],
    documents: [],
    version: 1,
    ...overrides,
  };
}
