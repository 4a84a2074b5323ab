import type {
  MrpRun,
  PlannedOrders,
  PurchaseOrder,
  ReleaseResult,
  SalesOrder,
} from '@factory/shared';
import { getDeps } from '../../functions/src/deps.js';
import { planningMarks } from '../../functions/src/store/mrpMarksRepo.js';
import { mrpRepo } from '../../functions/src/store/mrpRepo.js';
import { getInput } from '../../functions/src/usecases/mrp/inputSnapshot.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
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
 * A net run's load keeps the orders the load of the plan before it read, and reads again only
 * the orders written since (their order marks, written in each order's transaction). After
 * each kind of order write, what it loads must be what reading every order gives.
 */
const T = 'wwnetld01';
let api: Api;

/**
 * FG (2 days) = 1 RM (bought from S1, 3 days); 5 FG and 10 RM on hand; two imported sales
 * and purchase orders each, whose numbers sort after the ones entered and released here (the
 * orders index's order is the input's).
 */
const FACTORY = aFactoryFile({
  items: [item('FG', 'manufactured', 2), item('RM', 'purchased', 3, { defaultSupplier: 'S1' })],
  boms: [{ parent: 'FG', version: 'V1', lines: [{ component: 'RM', qtyPer: '1' }] }],
  stock: [
    { item: 'FG', warehouse: 'FG', qty: '5', status: 'available' },
    { item: 'RM', warehouse: 'FG', qty: '10', status: 'available' },
  ],
  salesOrders: [
    { no: 'SO-Z', customer: 'C1', lines: [{ item: 'FG', qty: '4', dueDate: '2026-12-10' }] },
    { no: 'SO-A', customer: 'C1', lines: [{ item: 'FG', qty: '3', dueDate: '2026-12-18' }] },
  ],
  purchaseOrders: [
    { no: 'PO-M', supplier: 'S1', lines: [{ item: 'RM', qty: '6', dueDate: '2026-12-05' }] },
    { no: 'PO-B', supplier: 'S1', lines: [{ item: 'RM', qty: '8', dueDate: '2026-12-09' }] },
  ],
});

const lina = () => api.token('lina', T);

const runs = async () =>
  (await api.call<{ items: MrpRun[] }>('GET', '/api/mrp/runs?limit=50', { token: await lina() }))
    .body.items;

/** A net run asked for by a planner (a confirmed sales order asks for one itself). */
async function netRun(): Promise<MrpRun> {
  const started = await api.call<MrpRun>('POST', '/api/mrp/runs', {
    token: await lina(),
    body: { runDate: '2026-12-01', mode: 'net' },
  });
  expect(started.status).toBe(202);
  await settle(api);
  return (await runs()).find((r) => r.runId === started.body.runId)!;
}

/**
 * The run's stored input against every order read now (and the rest of the planning data,
 * which the net run also read again only where marked), and no order mark left behind.
 */
async function expectLoadedAsWhole(run: MrpRun): Promise<void> {
  expect(run).toMatchObject({ mode: 'net', status: 'completed' });
  expect(run.fullBecause).toBeUndefined();
  // From the load before it, kept in this process: only the marked orders read again.
  expect(run.counts).toMatchObject({ masterInMemory: 1 });
  const deps = getDeps();
  const stored = await getInput(mrpRepo(deps, T), run.runId);
  const {
    balances: _b,
    orders: _o,
    ...whole
  } = await loadPlanningInput(deps, T, run.runDate, run.horizonDays, { withPromised: true });
  expect(stored).toEqual({ ...whole, boms: [...whole.boms] });
  expect(await planningMarks(deps, T).listOrders()).toEqual([]);
}

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  const imported = await api.call('POST', '/api/imports', {
    token: await api.token('admin', T),
    body: FACTORY,
  });
  expect(imported.status).toBe(201);
  await seedUsers(T);
  await completedMrpRun(api, await lina(), '2026-12-01');
});
afterAll(() => api.close());

describe('a net run reads again only the orders written since the plan it keeps', () => {
  it('after a confirmation, a release, a receipt and a closing, it loads what a whole read gives', async () => {
    const deps = getDeps();
    // 1. A sales order confirmed: marked in its transaction (the item and the order), and the
    //    net run it asks for reads that order again.
    const first = await submittedOrder(api, await api.token('zhangwei', T), {
      customer: 'C1',
      lines: [{ item: 'FG', qty: '30', unitPrice: '10.00', dueDate: '2026-12-21' }],
    });
    expect(first.status).toBe('confirmed');
    expect((await planningMarks(deps, T).listOrders()).map((m) => m.order)).toEqual([
      expect.stringContaining(`#SO#${first.no}`),
    ]);
    await settle(api);
    const confirmedRun = (await runs())[0]!;
    expect(confirmedRun.counts).toMatchObject({ orderMarks: 1 });
    await expectLoadedAsWhole(confirmedRun);

    // 2. The plan's purchase and production released: new purchase and task orders.
    const plan = (
      await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders', { token: await lina() })
    ).body.plannedOrders;
    const ids = ['purchase', 'production'].map((type) => plan.find((o) => o.type === type)!);
    expect(ids.every(Boolean)).toBe(true);
    const released = await api.call<ReleaseResult>('POST', '/api/mrp/release', {
      token: await lina(),
      body: { ids: ids.map((o) => o.id) },
    });
    expect(released.status).toBe(201);
    const releasedRun = await netRun();
    expect(releasedRun.counts).toMatchObject({ orderMarks: 2 });
    await expectLoadedAsWhole(releasedRun);

    // 3. Part of the purchase received: the receipt updates its order (the order's own write
    //    carries no mark; its transaction notes the order all the same).
    const po = released.body.purchaseOrders[0]!;
    const received = await api.call('POST', '/api/purchase-receipts', {
      token: await api.token('wangqiang', T),
      headers: idem(),
      body: { purchaseOrder: po, date: '2026-12-01', lines: [{ line: 1, qty: '4' }] },
    });
    expect(received.status).toBe(201);
    const receivedRun = await netRun();
    expect(receivedRun.counts).toMatchObject({ orderMarks: 1 });
    await expectLoadedAsWhole(receivedRun);
    const order = await api.call<PurchaseOrder>('GET', `/api/purchase-orders/${po}`, {
      token: await lina(),
    });
    expect(order.body.lines[0]!.received).toBe('4');

    // 4. A second order confirmed, then closed by hand: the closing's run reads it again and
    //    its demand leaves.
    const second = await submittedOrder(api, await api.token('zhangwei', T), {
      customer: 'C1',
      lines: [{ item: 'FG', qty: '12', unitPrice: '10.00', dueDate: '2026-12-28' }],
    });
    await settle(api);
    await expectLoadedAsWhole((await runs())[0]!);
    const closed = await api.call<SalesOrder>('POST', `/api/sales-orders/${second.no}/close`, {
      token: await api.token('zhangwei', T),
      body: { reason: '客户取消' },
    });
    expect(closed.status).toBe(200);
    const closedRun = await netRun();
    await expectLoadedAsWhole(closedRun);
    const stored = await getInput(mrpRepo(deps, T), closedRun.runId);
    expect(stored!.salesOrders.map((s) => s.no)).toEqual([first.no, 'SO-A', 'SO-Z']);
    expect(stored!.purchaseOrders.map((p) => p.no)).toEqual([po, 'PO-B', 'PO-M']);

    // 5. Nothing written since: nothing read again, the same input.
    const idle = await netRun();
    expect(idle.counts).toMatchObject({ orderMarks: 0 });
    await expectLoadedAsWhole(idle);
  });
});
