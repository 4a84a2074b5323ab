import type { CostingPeriodRecord, CostReport } from '@factory/shared';
import { failingTasks } from './failingTasks.js';
import { importCostingFactory, postCostingMonth } from '../integration/costingHarness.js';
import { startApi, type Api } from '../integration/harness.js';
import { idem } from '../integration/shopfloorHarness.js';

/**
 * The costing workflow over the local Step Functions runner when its tasks fail: a task that
 * crashes after doing its work is retried and finds it done (each step recorded once, one
 * notice, the same report); a task refusing for good ends in MarkFailed, the run failed with
 * its reason and the period left as it was.
 */
const TENANT = 'wwcostwf03';
let api: Api;
let cost: string;
const tasks = failingTasks(['Load', 'Compute', 'Write', 'Notify', 'MarkFailed']);
const { attempts } = tasks;

beforeAll(async () => {
  api = await startApi({ wrapTask: tasks.wrap });
  await importCostingFactory(api, TENANT);
  await postCostingMonth(api, await api.token('admin', TENANT));
  cost = await api.token('sunli', TENANT);
  await api.call('PUT', '/api/costing/pools/labour', {
    token: cost,
    body: { name: '直接人工', basis: 'hours' },
  });
  await api.call('POST', '/api/costing/periods/2026-11/expenses', {
    token: cost,
    headers: idem(),
    body: { pool: 'labour', amount: '1000.00', date: '2026-11-30' },
  });
});
afterAll(() => api.close());

async function costToEnd(): Promise<CostingPeriodRecord> {
  const started = await api.call<CostingPeriodRecord>('POST', '/api/costing/periods/2026-11/runs', {
    token: cost,
    headers: idem(),
  });
  expect(started.status).toBe(202);
  await api.runtime.workflows.idle();
  return (
    await api.call<CostingPeriodRecord>('GET', '/api/costing/periods/2026-11', { token: cost })
  ).body;
}

it('a task that crashes after its work is retried and finds it done', async () => {
  attempts.clear();
  for (const state of ['Load', 'Compute', 'Write', 'Notify']) tasks.failOnce.add(state);
  const period = await costToEnd();
  expect(period.run?.status).toBe('completed');
  expect(period.status).toBe('costed');
  for (const state of ['Load', 'Compute', 'Write', 'Notify']) expect(attempts.get(state)).toBe(2);
  expect(period.run?.steps.map((s) => s.name)).toEqual(['load', 'compute', 'write', 'notify']);
  const report = await api.call<CostReport>('GET', '/api/costing/periods/2026-11/report', {
    token: cost,
  });
  expect(report.body.orders[0]).toMatchObject({ completed: '1294.34', unitCost: '129.4340' });
  expect(report.body.reconciliation.difference).toBe('0.00');
});

it('a task refusing for good fails the run with its reason; the standing report stays', async () => {
  const before = (
    await api.call<CostingPeriodRecord>('GET', '/api/costing/periods/2026-11', { token: cost })
  ).body;
  attempts.clear();
  tasks.failHard.add('Compute');
  const period = await costToEnd();
  tasks.failHard.clear();
  expect(attempts.get('Compute')).toBe(1); // an AppError is not retried
  expect(attempts.get('MarkFailed')).toBe(1);
  expect(period.run?.status).toBe('failed');
  expect(period.run?.error).toBe('Compute refused');
  expect(period.status).toBe('costed');
  expect(period.costedRunId).toBe(before.costedRunId);
  // A new run after the failure goes through.
  const again = await costToEnd();
  expect(again.run?.status).toBe('completed');
  expect(again.costedRunId).toBe(again.run?.runId);
});
