import type { MrpRun, PlannedOrders } from '@factory/shared';
import { getDeps, useWorkflowStarter } from '../../functions/src/deps.js';
import { mrpRepo } from '../../functions/src/store/mrpRepo.js';
import {
  MAX_LAYERS,
  useMaxNetShare,
  useSegmentRows,
} from '../../functions/src/store/mrpSegments.js';
import {
  keepLastInput,
  loadKey,
  takeLastLoad,
  takeLastPlan,
} from '../../functions/src/usecases/mrp/lastPlan.js';
import { plannedOrdersById } from '../../functions/src/usecases/mrp/plannedOrders.js';
import {
  currentResult,
  mrpTasks,
  startRun,
  systemSession,
} from '../../functions/src/usecases/mrp/run.js';
import { completedMrpRun, startApi, type Api, fileItem, aFactoryFile, settle } from './harness.js';
import { seedUsers, submittedOrder } from './salesHarness.js';

/**
 * A net run stores only the items it replanned, as a layer over the plan it kept (see
 * store/mrpSegments.ts). Every way the plan is read must see the same plan as a full run.
 */
const T = 'wwnetlay01';
let api: Api;

const FGS = ['FG01', 'FG02', 'FG03', 'FG04', 'FG05', 'FG06'];
const item = (code: string, source: string, leadTimeDays: number) =>
  fileItem(code, source, leadTimeDays, source === 'purchased' ? { defaultSupplier: 'S1' } : {});
/** Six products, each of its own part and a shared one, each with a week of forecasts. */
const FACTORY = aFactoryFile({
  items: [
    ...FGS.map((fg) => item(fg, 'manufactured', 2)),
    ...FGS.map((fg) => item(`RM${fg.slice(2)}`, 'purchased', 3)),
    item('SH', 'purchased', 4),
  ],
  boms: FGS.map((fg) => ({
    parent: fg,
    version: 'V1',
    lines: [
      { component: `RM${fg.slice(2)}`, qtyPer: '2' },
      { component: 'SH', qtyPer: '1' },
    ],
  })),
  stock: [{ item: 'SH', warehouse: 'FG', qty: '30', status: 'available' }],
  forecasts: FGS.flatMap((fg, k) =>
    [7, 14, 21].map((day) => ({
      item: fg,
      from: `2026-12-${String(day).padStart(2, '0')}`,
      to: `2026-12-${String(day + 2).padStart(2, '0')}`,
      qty: String(5 + k),
    })),
  ),
});

type Order = PlannedOrders['plannedOrders'][number];
const lina = () => api.token('lina', T);
const withoutIds = (orders: readonly { id: string }[]) => orders.map(({ id: _id, ...o }) => o);

/** Every page of the current plan through the API, `limit` orders at a time. */
async function allPages(limit: number, type?: string) {
  const orders: Order[] = [];
  const exceptions: PlannedOrders['exceptions'] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (type) q.set('type', type);
    if (cursor) q.set('cursor', cursor);
    const res = await api.call<PlannedOrders>('GET', `/api/mrp/planned-orders?${q}`, {
      token: await lina(),
    });
    expect(res.status).toBe(200);
    expect(res.body.plannedOrders.length).toBeLessThanOrEqual(limit);
    orders.push(...res.body.plannedOrders);
    exceptions.push(...res.body.exceptions);
    cursor = res.body.nextCursor;
    if (!cursor) return { orders, exceptions };
  }
  throw new Error('the pages never ended');
}

/** A net run after a confirmed order for `fg`: the run. */
async function netRunAfterOrder(fg: string, qty: string, dueDate: string): Promise<MrpRun> {
  const before = await currentResult(getDeps(), T);
  const so = await submittedOrder(api, await api.token('zhangwei', T), {
    customer: 'C1',
    lines: [{ item: fg, qty, unitPrice: '10.00', dueDate }],
  });
  expect(so.status).toBe('confirmed');
  await settle(api);
  const res = await api.call<{ items: MrpRun[] }>('GET', '/api/mrp/runs?limit=50', {
    token: await lina(),
  });
  const net = res.body.items.find((r) => r.basedOn === before!.runId)!;
  expect(net).toMatchObject({ mode: 'net', status: 'completed' });
  expect(net.fullBecause).toBeUndefined();
  return net;
}

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  // Small segments, so that a plan of a few dozen orders spans many of them; layers of any
  // share, so that a factory of 13 items has them.
  useSegmentRows(3);
  useMaxNetShare(1);
  const admin = await api.token('admin', T);
  const imported = await api.call('POST', '/api/imports', { token: admin, body: FACTORY });
  expect(imported.status).toBe(201);
  await seedUsers(T);
});
afterAll(async () => {
  useSegmentRows(undefined);
  useMaxNetShare(undefined);
  await api.close();
});

describe('a net run stored as a layer over the plan it kept', () => {
  it('reads the same plan by item, by page and by id as the full run on the same data', async () => {
    const base = await completedMrpRun(api, await lina(), '2026-12-01');
    const baseResult = (await currentResult(getDeps(), T))!;
    const baseIds = new Map(baseResult.plannedOrders.map((o) => [o.id, o]));

    const first = await netRunAfterOrder('FG03', '40', '2026-12-10');
    expect(first.counts).toMatchObject({ layers: 2, previousInMemory: 1 });
    expect(first.counts!.storedOrders).toBeLessThan(first.counts!.plannedOrders!);
    // A second one stacks on the first; the third reads the first two back from the table.
    const second = await netRunAfterOrder('FG05', '25', '2026-12-16');
    expect(second.counts).toMatchObject({ layers: 3 });
    takeLastPlan(T, undefined);
    takeLastLoad(T, undefined);
    const third = await netRunAfterOrder('FG03', '12', '2026-12-18');
    expect(third.counts).toMatchObject({ layers: 4, previousInMemory: 0, loadRestored: 1 });
    // None loaded a master data change: their snapshots refer to the base run's items and
    // BOMs, the third's too (read cold, it started from the second's stored load).
    const record = (runId: string) => mrpRepo(getDeps(), T).getRun(runId);
    expect((await record(first.runId))!.masterFrom).toBe(base.runId);
    expect((await record(second.runId))!.masterFrom).toBe(base.runId);
    expect((await record(third.runId))!.masterFrom).toBe(base.runId);
    const index = (await mrpRepo(getDeps(), T).getResultIndex(third.runId))!;
    expect(index.under!.map((l) => l.runId)).toEqual([base.runId, first.runId, second.runId]);
    // Replanned: FG03, its part and the shared part (which FG05's order moved too).
    expect(index.items).toEqual(expect.arrayContaining(['FG03', 'RM03', 'SH']));
    expect(index.items).not.toContain('FG01');

    const layered = (await currentResult(getDeps(), T))!;
    expect(layered.runId).toBe(third.runId);
    // Items nobody touched keep the base run's orders, ids and all.
    const fg01 = layered.plannedOrders.filter((o) => o.item === 'FG01');
    expect(fg01.length).toBeGreaterThan(0);
    for (const o of fg01) expect(baseIds.get(o.id)).toEqual(o);
    const fg03 = layered.plannedOrders.filter((o) => o.item === 'FG03');
    for (const o of fg03) expect(o.id.startsWith(`${third.runId}-`)).toBe(true);

    // Pages: small ones, and filtered by type, give the plan in order, each order once.
    const paged = await allPages(4);
    expect(paged.orders.map((o) => o.id)).toEqual(layered.plannedOrders.map((o) => o.id));
    expect(paged.exceptions).toEqual(layered.exceptions);
    const purchases = await allPages(3, 'purchase');
    expect(purchases.orders.map((o) => o.id)).toEqual(
      layered.plannedOrders.filter((o) => o.type === 'purchase').map((o) => o.id),
    );
    // One item at a time: from the layer that holds it.
    for (const code of ['FG01', 'FG03', 'FG05', 'RM05', 'SH']) {
      const res = await api.call<PlannedOrders>('GET', `/api/mrp/planned-orders?item=${code}`, {
        token: await lina(),
      });
      expect(res.body.runId).toBe(third.runId);
      expect(res.body.plannedOrders.map((o) => o.id)).toEqual(
        layered.plannedOrders.filter((o) => o.item === code).map((o) => o.id),
      );
    }
    // By id: a kept base order is found; a base order of a replanned item is not the plan's.
    const staleFg03 = baseResult.plannedOrders.find((o) => o.item === 'FG03')!;
    const byId = await plannedOrdersById(getDeps(), T, third.runId, [
      fg01[0]!.id,
      fg03[0]!.id,
      staleFg03.id,
    ]);
    expect([...byId.keys()]).toEqual(expect.arrayContaining([fg01[0]!.id, fg03[0]!.id]));
    expect(byId.has(staleFg03.id)).toBe(false);

    // The full run on the same data makes the same plan.
    const full = await completedMrpRun(api, await lina(), '2026-12-01');
    const fullResult = (await currentResult(getDeps(), T))!;
    expect(fullResult.runId).toBe(full.runId);
    expect(withoutIds(fullResult.plannedOrders)).toEqual(withoutIds(layered.plannedOrders));
    expect(fullResult.exceptions).toEqual(layered.exceptions);
    expect((await mrpRepo(getDeps(), T).getResultIndex(full.runId))!.under).toBeUndefined();
  });

  it('releases a kept order of the layer below once, and refuses one the net run replaced', async () => {
    await completedMrpRun(api, await lina(), '2026-12-01');
    const base = (await currentResult(getDeps(), T))!;
    await netRunAfterOrder('FG02', '9', '2026-12-11');
    const rm01 = base.plannedOrders.find((o) => o.item === 'RM01' && o.type === 'purchase')!;
    const rm02 = base.plannedOrders.find((o) => o.item === 'RM02' && o.type === 'purchase')!;
    const release = async (ids: string[]) =>
      api.call<{ issues?: { path: unknown[]; message: string }[] }>('POST', '/api/mrp/release', {
        token: await lina(),
        body: { ids },
      });
    const stale = await release([rm02.id]);
    expect(stale.status).toBe(400);
    expect(JSON.stringify(stale.body)).toContain(`当前 MRP 结果中没有计划订单 ${rm02.id}`);
    const released = await release([rm01.id]);
    expect(released.status).toBe(201);
    const again = await release([rm01.id]);
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
  });

  it('a run that fills the layer stack is followed by one that folds it, not the next order’s', async () => {
    const base = await completedMrpRun(api, await lina(), '2026-12-01');
    const nets: MrpRun[] = [];
    for (let k = 1; k < MAX_LAYERS; k++)
      nets.push(await netRunAfterOrder(FGS[k % FGS.length]!, String(k + 2), `2026-12-1${k}`));
    const filling = nets.at(-1)!;
    // The run that filled the stack stored only its own items, over every layer below it.
    expect(filling.counts).toMatchObject({ layers: MAX_LAYERS });
    const repo = mrpRepo(getDeps(), T);
    const filled = (await repo.getResultIndex(filling.runId))!;
    expect(filled.under!.map((l) => l.runId)).toEqual([
      base.runId,
      ...nets.slice(0, -1).map((r) => r.runId),
    ]);

    // After it, by itself: one net run with nothing to replan, whose layer holds every item
    // of the net layers, over the base alone.
    const runs = await api.call<{ items: MrpRun[] }>('GET', '/api/mrp/runs?limit=50', {
      token: await lina(),
    });
    const folds = runs.body.items.filter((r) => r.basedOn === filling.runId);
    expect(folds).toHaveLength(1);
    const fold = folds[0]!;
    expect(fold).toMatchObject({ mode: 'net', status: 'completed', requestedBy: 'system' });
    expect(fold.counts).toMatchObject({ replanned: 0, layers: 2 });
    expect(await repo.getCurrent()).toBe(fold.runId);
    const index = (await repo.getResultIndex(fold.runId))!;
    expect(index.under!.map((l) => l.runId)).toEqual([base.runId]);
    const netItems = new Set([...filled.under!.slice(1), filled].flatMap((l) => l.items ?? []));
    expect(index.items).toEqual([...netItems].sort());
    // The same plan as the run it folded, and nothing asked after it.
    const before = (await currentResult(getDeps(), T, filling.runId))!;
    const after = (await currentResult(getDeps(), T))!;
    expect(withoutIds(after.plannedOrders)).toEqual(withoutIds(before.plannedOrders));
    expect(after.exceptions).toEqual(before.exceptions);
    expect(runs.body.items.filter((r) => r.basedOn === fold.runId)).toEqual([]);

    // The next order's run stacks on the folded plan.
    const next = await netRunAfterOrder('FG01', '4', '2026-12-20');
    expect(next.counts).toMatchObject({ layers: 3 });
  });

  it('computes from the input its load step kept, unless that load is not the one that finished', async () => {
    const deps = getDeps();
    useWorkflowStarter(async () => {});
    try {
      const planner = systemSession(T);
      const kept = await startRun(deps, planner, { mode: 'full' });
      await mrpTasks.load(deps, { tenant: T, runId: kept.runId });
      await mrpTasks.compute(deps, { tenant: T, runId: kept.runId });
      const fromMemory = (await mrpRepo(deps, T).getRun(kept.runId))!;
      expect(fromMemory.counts).toMatchObject({ inputInMemory: 1 });

      // An attempt of the load that did not finish kept an input this run never stored.
      const other = await startRun(deps, planner, { mode: 'full' });
      await mrpTasks.load(deps, { tenant: T, runId: other.runId });
      const stale = {
        ...(await mrpRepo(deps, T).getParts<object>(other.runId, 'IN'))!,
        items: [],
      };
      keepLastInput(T, loadKey(other.runId, 'an attempt that did not finish')!, stale);
      await mrpTasks.compute(deps, { tenant: T, runId: other.runId });
      const fromTable = (await mrpRepo(deps, T).getRun(other.runId))!;
      expect(fromTable.counts).toMatchObject({ inputInMemory: 0 });
      expect(fromTable.counts!.plannedOrders).toBe(fromMemory.counts!.plannedOrders);
      expect(fromTable.counts!.plannedOrders).toBeGreaterThan(0);
    } finally {
      useWorkflowStarter(api.runtime.workflows.start);
    }
  });
});
