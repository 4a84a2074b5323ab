import type { Api } from './harness.js';
import { idem, importFactory } from './shopfloorHarness.js';

/**
 * The costing tests' factory and month (hand-worked in costingLedger.test.ts): FG1 made of 3
 * RM1 (issued by hand, kg to three decimals) and one BF (backflushed), bought from S1.
 */
export const costItem = (code: string, extra: Record<string, unknown>) => ({
  code,
  name: `物料${code}`,
  unit: 'pcs',
  precision: 0,
  source: 'purchased',
  strategy: 'mts',
  leadTimeDays: 0,
  safetyStock: '0',
  lotSizing: { rule: 'lotForLot' },
  defaultWarehouse: 'RM',
  ...extra,
});

export function importCostingFactory(api: Api, tenant: string): Promise<unknown> {
  return importFactory(api, tenant, {
    format: 'factory/1',
    runDate: '2026-11-01',
    warehouses: [
      { code: 'RM', name: '原料仓', kind: 'normal' },
      { code: 'FG', name: '成品仓', kind: 'normal' },
    ],
    partners: [{ code: 'S1', name: '供应商一', roles: ['supplier'] }],
    items: [
      costItem('FG1', { source: 'manufactured', defaultWarehouse: 'FG' }),
      costItem('RM1', { unit: 'kg', precision: 3 }),
      costItem('BF', {}),
    ],
    boms: [
      {
        parent: 'FG1',
        version: 'V1',
        effectiveFrom: '2026-01-01',
        lines: [
          { component: 'RM1', qtyPer: '3', issueMethod: 'manual' },
          { component: 'BF', qtyPer: '1', issueMethod: 'backflush' },
        ],
      },
    ],
  });
}

/** A POST of a dated document; throws with the answer unless it was accepted. */
export function poster(api: Api, token: () => string) {
  return async (path: string, body: Record<string, unknown>, date: string) => {
    const res = await api.call<{ no: string }>('POST', path, {
      token: token(),
      headers: idem(),
      body: { date, ...body },
    });
    if (res.status !== 201 && res.status !== 200) {
      throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  };
}

/**
 * November through the API: 150 RM1 and 20 BF bought, a task order of 10 FG1 drawing 30 RM1
 * and returning 2, 8 hours, 10 received (10 BF backflushed), 4 delivered, 1 RM1 scrapped.
 * Returns the task order's number.
 */
export async function postCostingMonth(api: Api, token: string): Promise<string> {
  const post = poster(api, () => token);
  const price = (amount: number, scale = 2) => ({ amount, scale, currency: 'CNY' });
  await post(
    '/api/stock/receipts',
    {
      reason: 'purchase',
      partner: 'S1',
      lines: [
        // 150 × 10.33333 = 1549.9995 → 1550.00
        { item: 'RM1', warehouse: 'RM', qty: '150', unitCost: price(1033333, 5) },
        { item: 'BF', warehouse: 'RM', qty: '20', unitCost: price(50) },
      ],
    },
    '2026-11-03',
  );
  const created = await api.call<{ no: string }>('POST', '/api/task-orders', {
    token,
    headers: idem(),
    body: { item: 'FG1', qty: '10', startDate: '2026-11-02', dueDate: '2026-11-20' },
  });
  if (created.status !== 201) throw new Error(`task order: ${JSON.stringify(created.body)}`);
  const no = created.body.no;
  await post(
    `/api/task-orders/${no}/issues`,
    { lines: [{ item: 'RM1', qty: '30' }] },
    '2026-11-04',
  );
  await post(
    `/api/task-orders/${no}/returns`,
    { lines: [{ item: 'RM1', qty: '2' }] },
    '2026-11-05',
  );
  await post('/api/work-reports', { taskOrder: no, good: '10', hours: '8' }, '2026-11-06');
  await post('/api/production-receipts', { taskOrder: no, qty: '10' }, '2026-11-06');
  await post(
    '/api/stock/issues',
    { reason: 'sales', lines: [{ item: 'FG1', warehouse: 'FG', qty: '4' }] },
    '2026-11-25',
  );
  await post(
    '/api/stock/issues',
    { reason: 'scrap', lines: [{ item: 'RM1', warehouse: 'RM', qty: '1' }] },
    '2026-11-26',
  );
  return no;
}
