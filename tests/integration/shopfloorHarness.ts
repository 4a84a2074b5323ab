import type { Api } from './harness.js';

/**
 * A small factory for shop-floor tests, imported in one call: a fan FAN made of a phantom
 * guard PH (2 per fan, 50 % loss: BOLT × 4 with 10 % loss and STEEL 0.25 kg with 10 % loss,
 * backflushed), one BOLT backflushed, and a MOTOR issued by hand; MOTOR and the inspected
 * product GRILL need inspection. Purchase order PO-1 and task orders MO-1 (FAN × 10) and
 * MO-2 (GRILL × 5).
 */
export function shopfloorFile(
  stock: { bolt: string; steel: string } = { bolt: '1000', steel: '100' },
) {
  const item = (code: string, extra: Record<string, unknown>) => ({
    code,
    name: `物料${code}`,
    unit: 'pcs',
    precision: 0,
    source: 'purchased',
    strategy: 'mts',
    leadTimeDays: 2,
    safetyStock: '0',
    lotSizing: { rule: 'lotForLot' },
    defaultWarehouse: 'RM',
    ...extra,
  });
  return {
    format: 'factory/1',
    runDate: '2026-12-01',
    warehouses: [
      { code: 'RM', name: '原料仓', kind: 'normal' },
      { code: 'FG', name: '成品仓', kind: 'normal' },
      { code: 'LINE', name: '线边仓', kind: 'normal' },
    ],
    partners: [{ code: 'S1', name: '供应商一', roles: ['supplier'] }],
    items: [
      item('FAN', { source: 'manufactured', defaultWarehouse: 'FG' }),
      item('GRILL', { source: 'manufactured', defaultWarehouse: 'FG', inspection: true }),
      item('PH', { source: 'phantom' }),
      item('BOLT', { defaultSupplier: 'S1' }),
      item('STEEL', { unit: 'kg', precision: 3 }),
      item('MOTOR', { inspection: true, defaultSupplier: 'S1' }),
    ],
    boms: [
      {
        parent: 'FAN',
        version: 'V1',
        effectiveFrom: '2026-01-01',
        lines: [
          { component: 'PH', qtyPer: '2', lossRate: '0.5', issueMethod: 'backflush' },
          { component: 'BOLT', qtyPer: '1', issueMethod: 'backflush' },
          { component: 'MOTOR', qtyPer: '1', issueMethod: 'manual' },
        ],
      },
      {
        parent: 'PH',
        version: 'V1',
        effectiveFrom: '2026-01-01',
        lines: [
          { component: 'BOLT', qtyPer: '4', lossRate: '0.1' },
          { component: 'STEEL', qtyPer: '0.25', lossRate: '0.1', warehouse: 'LINE' },
        ],
      },
      {
        parent: 'GRILL',
        version: 'V1',
        effectiveFrom: '2026-01-01',
        lines: [{ component: 'BOLT', qtyPer: '2', issueMethod: 'backflush' }],
      },
    ],
    stock: [
      { item: 'BOLT', warehouse: 'RM', qty: stock.bolt },
      { item: 'STEEL', warehouse: 'LINE', qty: stock.steel },
    ],
    purchaseOrders: [
      {
        no: 'PO-1',
        supplier: 'S1',
        lines: [
          { item: 'BOLT', qty: '100', dueDate: '2026-12-10' },
          { item: 'MOTOR', qty: '10', received: '2', dueDate: '2026-12-10' },
        ],
      },
    ],
    taskOrders: [
      { no: 'MO-1', item: 'FAN', qty: '10', startDate: '2026-12-02', dueDate: '2026-12-08' },
      { no: 'MO-2', item: 'GRILL', qty: '5', startDate: '2026-12-02', dueDate: '2026-12-08' },
    ],
  };
}

export async function importFactory(api: Api, tenant: string, file: unknown): Promise<void> {
  const res = await api.call('POST', '/api/imports', {
    token: await api.token('admin', tenant),
    body: file,
  });
  if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(res.body)}`);
}

let keyCounter = 0;
/** A fresh Idempotency-Key header. */
export function idem(): Record<string, string> {
  return { 'idempotency-key': `test-key-${Date.now()}-${++keyCounter}` };
}

/**
 * Reports `good` of a task order (by the supervisor, beyond the order quantity if need be):
 * production receipts are refused above the good quantity reported.
 */
export async function reportGood(
  api: Api,
  tenant: string,
  taskOrder: string,
  good: string,
  date = '2026-12-04',
): Promise<void> {
  const res = await api.call('POST', '/api/work-reports', {
    token: await api.token('liuyang', tenant),
    headers: idem(),
    body: { taskOrder, date, good, allowOverrun: true },
  });
  if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
}
