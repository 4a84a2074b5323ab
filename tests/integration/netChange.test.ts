import type { Item, MrpRun, OutboxEntry, Page, PlannedOrders } from '@factory/shared';
import { getDeps, useWorkflowStarter } from '../../functions/src/deps.js';
import { planningMarks } from '../../functions/src/store/mrpMarksRepo.js';
import { mrpRepo } from '../../functions/src/store/mrpRepo.js';
import { takeLastLoad, takeLastPlan } from '../../functions/src/usecases/mrp/lastPlan.js';
import {
  currentResult,
  mrpTasks,
  startRun,
  systemSession,
} from '../../functions/src/usecases/mrp/run.js';
import {
  completedMrpRun,
  startApi,
  type Api,
  fileItem as item,
  aFactoryFile,
  settle,
} from './harness.js';
import { seedUsers, submittedOrder } from './salesHarness.js';

const A = 'wwnetch01';
const B = 'wwnetch02';
let api: Api;

/** FG (2 days) = 1 RM (bought, 3 days); 5 FG and 100 RM on hand; no demand yet. */
const FACTORY = aFactoryFile({
  items: [item('FG', 'manufactured', 2), item('RM', 'purchased', 3), item('PK', 'purchased', 1)],
  boms: [{ parent: 'FG', version: 'V1', lines: [{ component: 'RM', qtyPer: '1' }] }],
  stock: [
    { item: 'FG', warehouse: 'FG', qty: '5', status: 'available' },
    { item: 'RM', warehouse: 'FG', qty: '100', status: 'available' },
  ],
});

const marksOf = async (tenant: string) =>
  (await planningMarks(getDeps(), tenant).list()).map((m) => m.item).sort();

const runOf = async (tenant: string, runId: string) =>
  (
    await api.call<MrpRun>('GET', `/api/mrp/runs/${runId}`, {
      token: await api.token('lina', tenant),
    })
  ).body;

const runs = async (tenant: string) =>
  (
    await api.call<Page<MrpRun>>('GET', '/api/mrp/runs?limit=50', {
      token: await api.token('lina', tenant),
    })
  ).body.items;

const plannedFor = async (tenant: string, code: string) =>
  (
    await api.call<PlannedOrders>('GET', `/api/mrp/planned-orders?item=${code}`, {
      token: await api.token('lina', tenant),
    })
  ).body;

/** Waits for the outbox to deliver, the runs it started, and what those runs asked for. */
const order = (qty: string, dueDate = '2026-12-21') => ({
  customer: 'C1',
  lines: [{ item: 'FG', qty, unitPrice: '10.00', dueDate }],
});

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  for (const tenant of [A, B]) {
    const admin = await api.token('admin', tenant);
    const imported = await api.call('POST', '/api/imports', { token: admin, body: FACTORY });
    expect(imported.status).toBe(201);
    await seedUsers(tenant);
    // An import marks every item ('*'); the planner's full run clears it.
    expect(await marksOf(tenant)).toContain('*');
    await completedMrpRun(api, await api.token('lina', tenant), '2026-12-01');
    expect(await marksOf(tenant)).toEqual([]);
  }
});
afterAll(() => api.close());

describe('net-change planning', () => {
  it('a confirmed sales order replans its items without a manual run', async () => {
    const before = await runs(A);
    expect(await plannedFor(A, 'FG')).toMatchObject({ plannedOrders: [] });

    const so = await submittedOrder(api, await api.token('zhangwei', A), order('30'));
    expect(so.status).toBe('confirmed');
    // Marked in the confirmation's transaction, before any run.
    expect(await marksOf(A)).toEqual(['FG']);
    await settle(api);

    const after = await runs(A);
    expect(after.length).toBe(before.length + 1);
    const net = after.find((r) => !before.some((b) => b.runId === r.runId))!;
    expect(net).toMatchObject({
      mode: 'net',
      status: 'completed',
      requestedBy: 'system',
      basedOn: before[0]!.runId,
    });
    expect(net.supersededBy).toBeUndefined();
    // The engine kept the unmarked items' plan (a net run it had to take in full says why).
    expect(net.fullBecause).toBeUndefined();
    expect(net.counts!.replanned).toBeGreaterThan(0);
    expect(net.counts!.replanned).toBeLessThan(net.counts!.items!);

    const fg = await plannedFor(A, 'FG');
    expect(fg.runId).toBe(net.runId);
    expect(fg.plannedOrders).toEqual([
      expect.objectContaining({
        item: 'FG',
        qty: '25',
        dueDate: '2026-12-21',
        pegging: [{ demand: `${so.no}/1`, qty: '25' }],
      }),
    ]);
    // The marks it read are gone; the other tenant's plan and marks are untouched.
    expect(await marksOf(A)).toEqual([]);
    expect(await marksOf(B)).toEqual([]);
    expect((await plannedFor(B, 'FG')).plannedOrders).toEqual([]);
    const outbox = await api.call<Page<OutboxEntry>>('GET', '/api/outbox?status=delivered', {
      token: await api.token('admin', A),
    });
    expect(outbox.body.items).toContainEqual(
      expect.objectContaining({ kind: 'mrpNetChange', ref: { salesOrder: so.no } }),
    );
  });

  it('a net run gives what a full run gives, from the plan kept in memory or read back from the table', async () => {
    const lina = await api.token('lina', A);
    /** The current plan without its run's ids, to compare runs. */
    const plan = async () => {
      const r = (await currentResult(getDeps(), A))!;
      return {
        orders: r.plannedOrders.map(({ id: _id, ...o }) => o),
        exceptions: r.exceptions,
      };
    };
    const cases = [
      { fromMemory: true, added: undefined },
      // A new item: the engine plans in full (items added), from the master data read again.
      { fromMemory: true, added: 'PK2' },
      { fromMemory: false, added: undefined },
    ];
    for (const c of cases) {
      const { fromMemory, added } = c;
      // A full run made here and now: this process computed it last, so it keeps it.
      const base = await completedMrpRun(api, lina, '2026-12-01');
      // Read back from the table instead: what another process (a cold Lambda) does.
      if (!fromMemory) {
        takeLastPlan(A, undefined);
        takeLastLoad(A, undefined);
      }
      // Master data changed since the base plan loaded: only what is marked is read again.
      const admin = await api.token('admin', A);
      const rm = await api.call<Item>('GET', '/api/items/RM', { token: admin });
      const patched = await api.call('PATCH', '/api/items/RM', {
        token: admin,
        body: { expectedVersion: rm.body.version, leadTimeDays: rm.body.leadTimeDays + 2 },
      });
      expect(patched.status).toBe(200);
      // Stock counted since (below what RM's orders need): only the marked items' balances are
      // read again (from memory).
      const counted = await api.call('POST', '/api/stock/adjustments', {
        token: await api.token('wangqiang', A),
        body: {
          date: '2026-12-01',
          note: '盘点',
          lines: [{ item: 'RM', warehouse: 'FG', countedQty: String(1 + cases.indexOf(c)) }],
        },
      });
      expect(counted.status).toBe(201);
      if (added) {
        const created = await api.call('POST', '/api/items', {
          token: admin,
          body: { ...item(added, 'purchased', 1), safetyStock: '4' },
        });
        expect(created.status).toBe(201);
      }
      const so = await submittedOrder(
        api,
        await api.token('zhangwei', A),
        order(added ? '9' : fromMemory ? '7' : '11', fromMemory ? '2026-12-24' : '2026-12-29'),
      );
      expect(so.status).toBe('confirmed');
      await settle(api);
      const net = (await runs(A)).find((r) => r.basedOn === base.runId)!;
      expect(net).toMatchObject({ mode: 'net', status: 'completed' });
      expect(net.fullBecause).toBe(added ? 'items added or removed' : undefined);
      expect(net.counts).toMatchObject({
        previousInMemory: fromMemory ? 1 : 0,
        masterInMemory: fromMemory ? 1 : 0,
      });
      const netPlan = await plan();
      expect(netPlan.orders.length).toBeGreaterThan(0);
      // The new item's safety stock is planned.
      if (added) expect(netPlan.orders.map((o) => o.item)).toContain(added);

      const full = await completedMrpRun(api, lina, '2026-12-01');
      expect(full.mode).toBe('full');
      expect(await plan()).toEqual(netPlan);
    }
  });

  it('a stock adjustment and a forecast mark their items, in their tenant only; a full run clears them', async () => {
    const clerk = await api.token('wangqiang', A);
    const adjusted = await api.call('POST', '/api/stock/adjustments', {
      token: clerk,
      body: {
        date: '2026-12-01',
        note: '盘点',
        lines: [{ item: 'RM', warehouse: 'FG', countedQty: '90' }],
      },
    });
    expect(adjusted.status).toBe(201);
    expect(await marksOf(A)).toEqual(['RM']);

    const forecast = await api.call('POST', '/api/forecasts', {
      token: await api.token('lina', A),
      body: { item: 'FG', from: '2026-12-01', to: '2026-12-31', qty: '40' },
    });
    expect(forecast.status).toBe(201);
    expect(await marksOf(A)).toEqual(['FG', 'RM']);
    expect(await marksOf(B)).toEqual([]);

    const full = await completedMrpRun(api, await api.token('lina', A), '2026-12-01');
    expect(full.mode).toBe('full');
    expect(full.counts).toMatchObject({ marks: 2, marksCleared: 2 });
    expect(await marksOf(A)).toEqual([]);
  });

  it('a superseded run clears none of the marks it read', async () => {
    const deps = getDeps();
    useWorkflowStarter(async () => {});
    try {
      const s = systemSession(A);
      const older = await startRun(deps, s, { mode: 'net' });
      await new Promise((r) => setTimeout(r, 5));
      const newer = await startRun(deps, s, { mode: 'full' });
      for (const step of ['load', 'compute', 'persist', 'notify'] as const)
        await mrpTasks[step](deps, { tenant: A, runId: newer.runId });

      // A change after the newer run loaded; the older run loads only now and reads it.
      const forecast = await api.call('POST', '/api/forecasts', {
        token: await api.token('lina', A),
        body: { item: 'RM', from: '2026-12-01', to: '2026-12-31', qty: '7' },
      });
      expect(forecast.status).toBe(201);
      for (const step of ['load', 'compute', 'persist', 'notify'] as const)
        await mrpTasks[step](deps, { tenant: A, runId: older.runId });

      expect(await runOf(A, older.runId)).toMatchObject({
        status: 'completed',
        supersededBy: newer.runId,
        counts: expect.objectContaining({ marks: 1, marksCleared: 0 }),
      });
      expect(await marksOf(A)).toEqual(['RM']);
      expect((await plannedFor(A, 'FG')).runId).toBe(newer.runId);
    } finally {
      useWorkflowStarter(api.runtime.workflows.start);
    }
    // The next run that becomes current takes them.
    await completedMrpRun(api, await api.token('lina', A), '2026-12-01');
    expect(await marksOf(A)).toEqual([]);
  });

  it('a confirmation while a run is under way is followed by one more net run', async () => {
    const deps = getDeps();
    useWorkflowStarter(async () => {});
    let held: MrpRun;
    try {
      held = await startRun(deps, systemSession(A), { mode: 'full' });
      await mrpTasks.load(deps, { tenant: A, runId: held.runId });
    } finally {
      useWorkflowStarter(api.runtime.workflows.start);
    }
    const before = await runs(A);
    const sales = await api.token('zhangwei', A);
    await submittedOrder(api, sales, order('3', '2026-12-22'));
    await submittedOrder(api, sales, order('4', '2026-12-23'));
    await api.runtime.outbox.idle();
    // Both requests were folded into the run under way: no run per order.
    expect((await runs(A)).length).toBe(before.length);
    expect(await runOf(A, held.runId)).toMatchObject({ rerun: true });
    expect(await marksOf(A)).toEqual(['FG']);

    for (const step of ['compute', 'persist', 'notify'] as const)
      await mrpTasks[step](deps, { tenant: A, runId: held.runId });
    // It read no marks of those orders: it leaves them, and asks for the run that takes them.
    expect(await marksOf(A)).toEqual(['FG']);
    await settle(api);
    const after = await runs(A);
    expect(after.length).toBe(before.length + 1);
    const next = after.find((r) => !before.some((b) => b.runId === r.runId))!;
    expect(next).toMatchObject({ mode: 'net', status: 'completed', basedOn: held.runId });
    expect(await marksOf(A)).toEqual([]);
    const fg = await plannedFor(A, 'FG');
    expect(fg.runId).toBe(next.runId);
    expect(fg.plannedOrders.map((o) => o.dueDate)).toEqual(
      expect.arrayContaining(['2026-12-22', '2026-12-23']),
    );
  });

  it('finds the run under way among many earlier ones: runs are listed newest first', async () => {
    const deps = getDeps();
    // Thirty finished runs before it: more than the page requestNetChange reads.
    for (let k = 0; k < 30; k++)
      await mrpRepo(deps, A).createRun({
        runId: deps.newId(),
        status: 'completed',
        runDate: '2026-12-01',
        horizonDays: 90,
        mode: 'full',
        requestedBy: 'lina',
        requestedAt: '2026-11-30T08:00:00.000Z',
        steps: [],
      });
    useWorkflowStarter(async () => {});
    let held: MrpRun;
    try {
      held = await startRun(deps, systemSession(A), { mode: 'full' });
    } finally {
      useWorkflowStarter(api.runtime.workflows.start);
    }
    const listed = await runs(A);
    expect(listed[0]!.runId).toBe(held.runId);
    const ids = listed.map((r) => r.runId);
    expect(ids).toEqual([...ids].sort().reverse());
    await submittedOrder(api, await api.token('zhangwei', A), order('2', '2026-12-24'));
    await api.runtime.outbox.idle();
    // Followed, not joined by a run of its own.
    expect((await runs(A)).length).toBe(listed.length);
    expect(await runOf(A, held.runId)).toMatchObject({ rerun: true });
    for (const step of ['load', 'compute', 'persist', 'notify'] as const)
      await mrpTasks[step](deps, { tenant: A, runId: held.runId });
    await settle(api);
    expect(await marksOf(A)).toEqual([]);
  });

  it('a net run whose workflow cannot start is failed, its marks kept, the request retried', async () => {
    useWorkflowStarter(async () => {
      throw new Error('Step Functions unreachable');
    });
    const before = await runs(B);
    let no: string;
    try {
      no = (await submittedOrder(api, await api.token('zhangwei', B), order('8'))).no;
      await api.runtime.outbox.idle();
    } finally {
      useWorkflowStarter(api.runtime.workflows.start);
    }
    const started = (await runs(B)).filter((r) => !before.some((b) => b.runId === r.runId));
    // One run per attempt of the outbox record (4 in tests), each failed, none current.
    expect(started.length).toBeGreaterThan(0);
    for (const r of started) {
      expect(r).toMatchObject({ mode: 'net', status: 'failed' });
      expect(r.error).toContain('工作流未能启动');
    }
    expect(await marksOf(B)).toEqual(['FG']);
    const admin = await api.token('admin', B);
    const failed = await api.call<Page<OutboxEntry>>('GET', '/api/outbox?status=failed', {
      token: admin,
    });
    const request = failed.body.items.find((e) => e.kind === 'mrpNetChange')!;
    expect(request).toMatchObject({ ref: { salesOrder: no } });

    // Resent once Step Functions is back: the run happens and takes the marks.
    const resent = await api.call('POST', `/api/outbox/${request.id}/resend`, { token: admin });
    expect(resent.status).toBe(200);
    await settle(api);
    const fg = await plannedFor(B, 'FG');
    expect(fg.plannedOrders).toEqual([
      expect.objectContaining({ qty: '3', pegging: [{ demand: `${no}/1`, qty: '3' }] }),
    ]);
    expect(await marksOf(B)).toEqual([]);
  });
});
