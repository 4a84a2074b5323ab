import type { Item, MrpRun, PlannedOrders, ReleaseResult, SalesPromise } from '@factory/shared';
import { getDeps } from '../../functions/src/deps.js';
import { mrpRepo } from '../../functions/src/store/mrpRepo.js';
import { getInput } from '../../functions/src/usecases/mrp/inputSnapshot.js';
import {
  takeLastInput,
  takeLastLoad,
  takeLastPlan,
} from '../../functions/src/usecases/mrp/lastPlan.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { loadSinceCurrentRun, restoreLoad } from '../../functions/src/usecases/mrp/storedLoad.js';
import { forgetPromiseSnapshot } from '../../functions/src/usecases/sales/promise.js';
import {
  completedMrpRun,
  startApi,
  type Api,
  fileItem as item,
  aFactoryFile,
  settle,
} from './harness.js';
import { seedUsers, submittedOrder } from './salesHarness.js';
import { idem } from './shopfloorHarness.js';

/**
 * A process that did not make the current plan (a fresh Lambda) starts from the load that
 * plan's run stored, and reads again only what is marked since, as a warm process does from
 * what it kept: a net run's load, and a promise's planning data. After each kind of change it
 * must load what reading the whole data set gives.
 */
const T = 'wwcold001';
const TODAY = '2026-12-01'; // tests/testClock.ts
let api: Api;

/** FG (2 days) = 1 RM (bought from S1, 3 days); imported sales and purchase orders. */
const FACTORY = aFactoryFile({
  items: [
    item('FG', 'manufactured', 2),
    item('RM', 'purchased', 3, { defaultSupplier: 'S1' }),
    item('OLD', 'purchased', 1),
  ],
  boms: [{ parent: 'FG', version: 'V1', lines: [{ component: 'RM', qtyPer: '1' }] }],
  stock: [
    { item: 'FG', warehouse: 'FG', qty: '5', status: 'available' },
    { item: 'RM', warehouse: 'FG', qty: '10', status: 'available' },
  ],
  salesOrders: [
    { no: 'SO-Z', customer: 'C1', lines: [{ item: 'FG', qty: '4', dueDate: '2026-12-10' }] },
  ],
  purchaseOrders: [
    { no: 'PO-M', supplier: 'S1', lines: [{ item: 'RM', qty: '6', dueDate: '2026-12-05' }] },
  ],
});

const lina = () => api.token('lina', T);

/** What a fresh process has: nothing kept from the runs this one made. */
function forgetEverything(): void {
  takeLastPlan(T, undefined);
  takeLastLoad(T, undefined);
  takeLastInput(T, undefined);
  forgetPromiseSnapshot(T);
}

/** The whole data set, read now. */
const wholeRead = () => loadPlanningInput(getDeps(), T, TODAY, 90);

/** The planning data a fresh process loads now from the current run: what a whole read gives. */
async function expectRestoredAsWhole(): Promise<void> {
  const restored = await loadSinceCurrentRun(getDeps(), T, TODAY, 90);
  expect(restored).toBeDefined();
  expect(restored).toEqual(await wholeRead());
}

async function patchItem(code: string, patch: Partial<Item>): Promise<void> {
  const admin = await api.token('admin', T);
  const got = await api.call<Item>('GET', `/api/items/${code}`, { token: admin });
  const patched = await api.call('PATCH', `/api/items/${code}`, {
    token: admin,
    body: { expectedVersion: got.body.version, ...patch },
  });
  expect(patched.status).toBe(200);
}

async function netRun(): Promise<MrpRun> {
  const started = await api.call<MrpRun>('POST', '/api/mrp/runs', {
    token: await lina(),
    body: { runDate: TODAY, mode: 'net' },
  });
  expect(started.status).toBe(202);
  await settle(api);
  const run = await api.call<MrpRun>('GET', `/api/mrp/runs/${started.body.runId}`, {
    token: await lina(),
  });
  return run.body;
}

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  const imported = await api.call('POST', '/api/imports', {
    token: await api.token('admin', T),
    body: FACTORY,
  });
  expect(imported.status).toBe(201);
  await seedUsers(T);
  await patchItem('OLD', { active: false });
});
afterAll(() => api.close());

describe('a fresh process starts from the current run stored load', () => {
  it('loads what a whole read gives, after each kind of change, and a cold net run does too', async () => {
    const deps = getDeps();
    // No current plan yet: nothing to start from.
    expect(await loadSinceCurrentRun(deps, T, TODAY, 90)).toBeUndefined();
    const base = await completedMrpRun(api, await lina(), TODAY);
    forgetEverything();
    await expectRestoredAsWhole();
    // Only for the plan's run date and horizon.
    expect(await loadSinceCurrentRun(deps, T, '2026-12-02', 90)).toBeUndefined();
    expect(await loadSinceCurrentRun(deps, T, TODAY, 120)).toBeUndefined();
    // Only the load the run recorded: another attempt's is not it.
    const repo = mrpRepo(deps, T);
    expect(await restoreLoad(repo, { ...base, inputId: 'another' })).toBeUndefined();
    expect(await restoreLoad(repo, { ...base, runId: 'no-such-run' })).toBeUndefined();
    expect(await restoreLoad(repo, base)).toBeDefined();

    // 1. An item changed and one made active (the snapshot keeps active items only).
    await patchItem('RM', { leadTimeDays: 4 });
    await patchItem('OLD', { active: true });
    await expectRestoredAsWhole();

    // 2. Stock counted, a sales order confirmed (it asks for a net run, made here: then
    //    forgotten, as by a process that did not make it).
    const counted = await api.call('POST', '/api/stock/adjustments', {
      token: await api.token('wangqiang', T),
      body: {
        date: TODAY,
        note: '盘点',
        lines: [{ item: 'RM', warehouse: 'FG', countedQty: '7' }],
      },
    });
    expect(counted.status).toBe(201);
    await expectRestoredAsWhole();
    const confirmed = await submittedOrder(api, await api.token('zhangwei', T), {
      customer: 'C1',
      lines: [{ item: 'FG', qty: '30', unitPrice: '10.00', dueDate: '2026-12-21' }],
    });
    expect(confirmed.status).toBe('confirmed');
    await settle(api);
    forgetEverything();
    await expectRestoredAsWhole();

    // 3. The plan released (new purchase and task orders), part of the purchase received.
    const plan = (
      await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders', { token: await lina() })
    ).body.plannedOrders;
    const ids = ['purchase', 'production'].map((type) => plan.find((o) => o.type === type)!.id);
    const released = await api.call<ReleaseResult>('POST', '/api/mrp/release', {
      token: await lina(),
      body: { ids },
    });
    expect(released.status).toBe(201);
    const received = await api.call('POST', '/api/purchase-receipts', {
      token: await api.token('wangqiang', T),
      headers: idem(),
      body: {
        purchaseOrder: released.body.purchaseOrders[0]!,
        date: TODAY,
        lines: [{ line: 1, qty: '4' }],
      },
    });
    expect(received.status).toBe(201);
    await expectRestoredAsWhole();

    // 4. A net run in a fresh process: it starts from the stored load of the plan it keeps,
    //    and stores what a whole read gives.
    forgetEverything();
    const cold = await netRun();
    expect(cold).toMatchObject({ mode: 'net', status: 'completed' });
    expect(cold.fullBecause).toBeUndefined();
    expect(cold.counts).toMatchObject({ masterInMemory: 0, loadRestored: 1 });
    const {
      balances: _b,
      orders: _o,
      ...whole
    } = await loadPlanningInput(deps, T, TODAY, 90, {
      withPromised: true,
    });
    expect(await getInput(repo, cold.runId)).toEqual({ ...whole, boms: [...whole.boms] });
    // Its master data read again only where marked, and the same as its plan's: it refers to
    // that run's items and BOMs instead of storing them again.
    expect((await repo.getRun(cold.runId))!.masterFrom).toBeDefined();
    // The next one, in the same process, from memory.
    const warm = await netRun();
    expect(warm.counts).toMatchObject({ masterInMemory: 1, loadRestored: 0 });
    forgetEverything();
    await expectRestoredAsWhole();

    // 5. A holiday marks every item (working days move every date): a whole read.
    const holiday = await api.call('POST', '/api/calendar/holidays', {
      token: await lina(),
      body: { date: '2026-12-25' },
    });
    expect(holiday.status).toBe(201);
    expect(await loadSinceCurrentRun(deps, T, TODAY, 90)).toBeUndefined();
  });

  it('a cold promise answers from the current plan stored load and what changed since', async () => {
    const sales = await api.token('zhangwei', T);
    const ask = async () => {
      forgetPromiseSnapshot(T);
      const res = await api.call<SalesPromise>('GET', '/api/sales-orders/promise?item=RM&qty=50', {
        token: sales,
      });
      expect(res.status).toBe(200);
      return res.body;
    };
    await completedMrpRun(api, await lina(), TODAY);
    forgetEverything();
    const before = await ask();
    // Stock received since the plan: the next cold promise sees it without a run.
    const onHand = await api.call('POST', '/api/stock/receipts', {
      token: await api.token('wangqiang', T),
      body: {
        date: TODAY,
        reason: 'purchase',
        lines: [{ item: 'RM', warehouse: 'FG', qty: '500' }],
      },
    });
    expect(onHand.status).toBe(201);
    await expectRestoredAsWhole();
    const after = await ask();
    expect(before.source).not.toBe('stock');
    expect(after).toMatchObject({ item: 'RM', qty: '50', source: 'stock', date: TODAY });
  });
});
