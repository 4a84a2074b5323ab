import type { MrpRun } from '@factory/shared';
import { getDeps, useWorkflowStarter } from '../../functions/src/deps.js';
import { planningMarks } from '../../functions/src/store/mrpMarksRepo.js';
import { runNightlyPlans } from '../../functions/src/usecases/mrp/nightly.js';
import { handler } from '../../functions/src/wecom/outboxLambda.js';
import type { NightlyResult } from '../../functions/src/usecases/mrp/nightly.js';
import { startApi, type Api } from '../integration/harness.js';

const TENANTS = ['wwnight01', 'wwnight02'];
let api: Api;

const FACTORY = {
  format: 'factory/1',
  runDate: '2026-12-01',
  calendar: { nonWorkingWeekdays: [6, 7], holidays: [] },
  warehouses: [{ code: 'FG', name: '成品仓', kind: 'normal' }],
  partners: [],
  items: [
    {
      code: 'RM',
      name: '原料',
      unit: 'pcs',
      precision: 0,
      source: 'purchased',
      strategy: 'mts',
      leadTimeDays: 2,
      safetyStock: '10',
      lotSizing: { rule: 'lotForLot' },
    },
  ],
};

const run = async (tenant: string, runId: string) =>
  (
    await api.call<MrpRun>('GET', `/api/mrp/runs/${runId}`, {
      token: await api.token('lina', tenant),
    })
  ).body;

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  for (const tenant of TENANTS) {
    const imported = await api.call('POST', '/api/imports', {
      token: await api.token('admin', tenant),
      body: FACTORY,
    });
    expect(imported.status).toBe(201);
  }
});
afterAll(() => api.close());

describe('the nightly full MRP run', () => {
  it('starts a full run for every tenant, which becomes current and clears its marks', async () => {
    for (const tenant of TENANTS)
      expect((await planningMarks(getDeps(), tenant).list()).length).toBeGreaterThan(0);
    const result = await runNightlyPlans(getDeps(), async () => TENANTS);
    expect(result.failedTenants).toEqual([]);
    expect(result.started.map((s) => s.tenant)).toEqual(TENANTS);
    await api.runtime.workflows.idle();
    for (const { tenant, runId } of result.started) {
      expect(await run(tenant, runId)).toMatchObject({
        mode: 'full',
        status: 'completed',
        requestedBy: 'system',
      });
      expect(await planningMarks(getDeps(), tenant).list()).toEqual([]);
    }
  });

  it('names the tenants whose run could not start, and goes on with the others', async () => {
    let calls = 0;
    useWorkflowStarter(async () => {
      if (calls++ === 0) throw new Error('Step Functions unreachable');
    });
    try {
      const result = await runNightlyPlans(getDeps(), async () => TENANTS);
      expect(result.failedTenants).toEqual([TENANTS[0]]);
      expect(result.started.map((s) => s.tenant)).toEqual([TENANTS[1]]);
    } finally {
      useWorkflowStarter(api.runtime.workflows.start);
    }
  });

  it("the nightly rule's input makes the outbox Lambda plan the tenants of the WeCom configuration", async () => {
    const result = (await handler({ nightlyMrp: true })) as NightlyResult;
    expect(result.failedTenants).toEqual([]);
    await api.runtime.workflows.idle();
    for (const { tenant, runId } of result.started)
      expect(await run(tenant, runId)).toMatchObject({ mode: 'full', status: 'completed' });
  });
});
