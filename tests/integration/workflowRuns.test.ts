import { readFileSync } from 'node:fs';
import type { CostingPeriodRecord, MrpRun, Page } from '@factory/shared';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DEMO_FACTORY_FILE } from '../../functions/local/runtime.js';
import { getDeps, useWorkflowStarter } from '../../functions/src/deps.js';
import { keys } from '../../functions/src/store/keys.js';
import { mrpRepo } from '../../functions/src/store/mrpRepo.js';
import { mrpTasks } from '../../functions/src/usecases/mrp/run.js';
import type { WorkflowStarter } from '../../functions/src/workflows/starter.js';
import { completedMrpRun, errorOf, startApi, type Api } from './harness.js';

// Issue 19, point 7: a run whose workflow cannot start is not left queued, and an older run
// finishing late does not replace a newer plan.
const TENANT = 'wwwfruns1';
let api: Api;
let planner: string;
const file = JSON.parse(readFileSync(DEMO_FACTORY_FILE, 'utf8'));

beforeAll(async () => {
  api = await startApi();
  const imported = await api.call('POST', '/api/imports', {
    token: await api.token('admin', TENANT),
    body: file,
  });
  expect(imported.status).toBe(201);
  planner = await api.token('lina', TENANT);
});
afterAll(() => api.close());

const runs = async () =>
  (await api.call<Page<MrpRun>>('GET', '/api/mrp/runs?limit=50', { token: planner })).body.items;

/** Runs the local starter's way, but with the given starter meanwhile. */
async function withStarter<T>(starter: WorkflowStarter, body: () => Promise<T>): Promise<T> {
  const local = api.runtime.workflows.start;
  useWorkflowStarter(starter);
  try {
    return await body();
  } finally {
    useWorkflowStarter(local);
  }
}

describe('an MRP run whose workflow cannot start', () => {
  it('is marked failed with the reason, and the request answers 503 workflow.startFailed', async () => {
    const res = await withStarter(
      async () => {
        throw new Error('ThrottlingException: Rate exceeded');
      },
      () => api.call('POST', '/api/mrp/runs', { token: planner, body: { runDate: file.runDate } }),
    );
    expect(res.status).toBe(503);
    expect(errorOf(res).code).toBe('workflow.startFailed');

    const [newest] = await runs();
    expect(newest).toMatchObject({ status: 'failed', finishedAt: expect.any(String) });
    expect(newest!.error).toContain('工作流未能启动');
    expect(newest!.error).toContain('Rate exceeded');
    expect(newest!.steps.map((s) => s.name)).toEqual(['fail']);
  });

  it('leaves the next request free to start a run of its own', async () => {
    const run = await completedMrpRun(api, planner, file.runDate);
    expect(run.status).toBe('completed');
  });
});

describe('a costing run whose workflow cannot start', () => {
  it('is marked failed (not left running, which would block the period), and answers 503', async () => {
    const admin = await api.token('admin', TENANT);
    const res = await withStarter(
      async () => {
        throw new Error('StateMachineDoesNotExist');
      },
      () =>
        api.call('POST', '/api/costing/periods/2026-11/runs', {
          token: admin,
          headers: { 'idempotency-key': 'costing-start-fails-1' },
        }),
    );
    expect(res.status).toBe(503);
    expect(errorOf(res).code).toBe('workflow.startFailed');
    const period = await api.call<CostingPeriodRecord>('GET', '/api/costing/periods/2026-11', {
      token: admin,
    });
    expect(period.body.run).toMatchObject({ status: 'failed' });
    expect(JSON.stringify(period.body.run)).toContain('StateMachineDoesNotExist');
  });
});

describe('the current plan', () => {
  it('is switched only by a newer run: an older run finishing late keeps it', async () => {
    // Two runs queued (their workflows not started), the older one first.
    const queued: string[] = [];
    await withStarter(
      async (_name, input) => {
        queued.push((input as { runId: string }).runId);
      },
      async () => {
        for (let n = 0; n < 2; n++) {
          const res = await api.call<MrpRun>('POST', '/api/mrp/runs', {
            token: planner,
            body: { runDate: file.runDate },
          });
          expect(res.status).toBe(202);
        }
      },
    );
    const [older, newer] = queued as [string, string];
    const repo = mrpRepo(getDeps(), TENANT);
    // The second run was requested later (the clock moves on between the requests).
    expect((await repo.getRun(newer))!.requestedAt >= (await repo.getRun(older))!.requestedAt).toBe(
      true,
    );
    // Make the order certain even when both fell on the same millisecond.
    const requestedAt = (await repo.getRun(older))!.requestedAt;
    const { pk, sk } = keys.mrpRun(TENANT, older);
    await getDeps().db.send(
      new UpdateCommand({
        TableName: getDeps().tableName,
        Key: { pk, sk },
        UpdateExpression: 'SET requestedAt = :at',
        ExpressionAttributeValues: {
          ':at': new Date(Date.parse(requestedAt) - 1000).toISOString(),
        },
      }),
    );

    const finish = async (runId: string) => {
      const p = { tenant: TENANT, runId };
      for (const task of [mrpTasks.load, mrpTasks.compute, mrpTasks.persist, mrpTasks.notify]) {
        await task(getDeps(), p);
      }
    };
    await finish(newer);
    expect(await repo.getCurrent()).toBe(newer);

    await finish(older);
    expect(await repo.getCurrent()).toBe(newer);
    const late = await api.call<MrpRun>('GET', `/api/mrp/runs/${older}`, { token: planner });
    expect(late.body).toMatchObject({ status: 'completed', supersededBy: newer });
    expect(late.body.previousRunId).toBeUndefined();

    // The newer run, finishing again (a retried task), is still current; a run after it
    // switches the plan as before.
    await mrpTasks.persist(getDeps(), { tenant: TENANT, runId: newer });
    expect(await repo.getCurrent()).toBe(newer);
    const latest = await completedMrpRun(api, planner, file.runDate);
    expect(await repo.getCurrent()).toBe(latest.runId);
    expect(latest.previousRunId).toBe(newer);
  });
});
