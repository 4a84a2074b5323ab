import { readFileSync } from 'node:fs';
import { type MrpRun, type PlannedOrders, zFactoryFile } from '@factory/shared';
import { DEMO_FACTORY_FILE } from '../../functions/local/runtime.js';
import { failingTasks } from './failingTasks.js';
import { mrpInputFromFile, planMrp } from '../../functions/src/domain/mrp/index.js';
import { startApi, type Api } from '../integration/harness.js';

const TENANT = 'wwmrp01';
const file = zFactoryFile.parse(JSON.parse(readFileSync(DEMO_FACTORY_FILE, 'utf8')));
const expected = planMrp(mrpInputFromFile(file, 90));

let api: Api;
let planner: string;
/** Compute and Persist can be made to fail once *after* doing their work, as a crash would. */
const tasks = failingTasks();
const { attempts } = tasks;

beforeAll(async () => {
  api = await startApi({ wrapTask: tasks.wrap });
  const imported = await api.call('POST', '/api/imports', {
    token: await api.token('admin', TENANT),
    body: file,
  });
  expect(imported.status).toBe(201);
  planner = await api.token('lina', TENANT);
});
afterAll(() => api.close());

async function runToEnd(): Promise<MrpRun> {
  const started = await api.call<MrpRun>('POST', '/api/mrp/runs', {
    token: planner,
    body: { runDate: file.runDate, horizonDays: 90 },
  });
  expect(started.status).toBe(202);
  expect(started.body.status).toBe('queued');
  await api.runtime.workflows.idle();
  return (await api.call<MrpRun>('GET', `/api/mrp/runs/${started.body.runId}`, { token: planner }))
    .body;
}

const strip = (p: PlannedOrders) => p.plannedOrders.map(({ id: _id, released: _r, ...o }) => o);

it('runs load, compute, persist and notify; a task that fails once is retried without duplicating planned orders', async () => {
  attempts.clear();
  tasks.failOnce.add('Compute').add('Persist');
  const run = await runToEnd();
  expect(run.status).toBe('completed');
  expect(attempts.get('Compute')).toBe(2);
  expect(attempts.get('Persist')).toBe(2);
  // Each step is recorded once: the retry found its work done.
  expect(run.steps.map((s) => s.name)).toEqual(['load', 'compute', 'persist', 'notify']);
  expect(run.counts).toMatchObject({
    plannedOrders: expected.plannedOrders.length,
    items: file.items.length,
  });

  const orders = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders', {
    token: planner,
  });
  expect(orders.body.runId).toBe(run.runId);
  expect(strip(orders.body)).toEqual(expected.plannedOrders);
  expect(new Set(orders.body.plannedOrders.map((o) => o.id)).size).toBe(
    expected.plannedOrders.length,
  );
  expect(orders.body.exceptions).toEqual(expected.exceptions);
});

it('a second run replaces the first as the current one', async () => {
  const first = (
    await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders', { token: planner })
  ).body.runId;
  const run = await runToEnd();
  expect(run).toMatchObject({ status: 'completed', previousRunId: first });
  const now = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders?item=FG-FS40', {
    token: planner,
  });
  expect(now.body.runId).toBe(run.runId);
  expect(now.body.plannedOrders.every((o) => o.item === 'FG-FS40')).toBe(true);
  const old = await api.call<PlannedOrders>('GET', `/api/mrp/planned-orders?runId=${first}`, {
    token: planner,
  });
  expect(old.body.plannedOrders.length).toBe(expected.plannedOrders.length);
});

it('a business error is not retried: the run is marked failed with its message', async () => {
  attempts.clear();
  tasks.failHard.add('Load');
  const run = await runToEnd();
  tasks.failHard.clear();
  expect(attempts.get('Load')).toBe(1);
  expect(run.status).toBe('failed');
  expect(run.error).toContain('Load refused');
  expect(run.steps.map((s) => s.name)).toEqual(['fail']);
});

it('only planners start runs', async () => {
  const res = await api.call('POST', '/api/mrp/runs', {
    token: await api.token('chenjie', TENANT),
    body: {},
  });
  expect(res.status).toBe(403);
});
