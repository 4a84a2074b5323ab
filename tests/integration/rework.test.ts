import type {
  Balance,
  Page,
  PickList,
  PickResult,
  ProductionReceipt,
  TaskOrder,
} from '@factory/shared';
import { getDeps } from '../../functions/src/deps.js';
import { planMrp } from '../../functions/src/domain/mrp/index.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { errorOf, startApi, type Api } from './harness.js';
import { idem, importFactory, reportGood, shopfloorFile } from './shopfloorHarness.js';

const T = 'wwrework1';
let api: Api;
let planner: string;
let clerk: string;

async function balances(item: string): Promise<Record<string, string>> {
  const res = await api.call<Page<Balance>>('GET', `/api/stock/balances?item=${item}`, {
    token: clerk,
  });
  expect(res.status).toBe(200);
  return Object.fromEntries(
    res.body.items.map((b) => [
      `${b.warehouse}/${b.status}${b.trackingNo ? `/${b.trackingNo}` : ''}`,
      b.qty,
    ]),
  );
}

async function rework(body: Record<string, unknown>, headers = idem()) {
  return api.call<TaskOrder>('POST', '/api/task-orders/rework', {
    token: planner,
    headers,
    body: { dueDate: '2026-12-10', reason: '外观划伤返修', warehouse: 'QC', ...body },
  });
}

beforeAll(async () => {
  api = await startApi();
  const file = shopfloorFile();
  file.warehouses.push({ code: 'QC', name: '不良品仓', kind: 'normal' });
  const base = file.items.find((i) => i.code === 'BOLT')!;
  file.items.push({ ...base, code: 'GLUE', name: '胶水', unit: 'kg', precision: 2 });
  file.stock.push({ item: 'GLUE', warehouse: 'RM', qty: '10' });
  await importFactory(api, T, file);
  planner = await api.token('lina', T);
  clerk = await api.token('wangqiang', T);
  // Rejected product waiting in QC, and good FAN in FG that rework must not touch.
  const opening = await api.call('POST', '/api/stock/receipts', {
    token: clerk,
    headers: idem(),
    body: {
      date: '2026-11-30',
      reason: 'opening',
      lines: [
        { item: 'FAN', warehouse: 'QC', status: 'rejected', qty: '5' },
        { item: 'GRILL', warehouse: 'QC', status: 'rejected', qty: '3' },
        { item: 'FAN', warehouse: 'FG', qty: '20' },
      ],
    },
  });
  if (opening.status !== 201) throw new Error(JSON.stringify(opening.body));
});
afterAll(() => api.close());

describe('rework orders (返修)', () => {
  let order: TaskOrder;

  it('refuses a bad request naming every field', async () => {
    const missing = await api.call('POST', '/api/task-orders/rework', {
      token: planner,
      headers: idem(),
      body: { item: 'FAN', qty: '0', warehouse: 'QC', dueDate: '2026-12-10' },
    });
    expect(missing.status).toBe(400);
    expect(
      errorOf(missing)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['body.qty', 'body.reason']);
    const bad = await rework({
      item: 'PH',
      warehouse: 'NOPE',
      sourceOrder: 'MO-2',
      lines: [
        { item: 'GLUE', qty: '0.125', warehouse: 'RM' },
        { item: 'NONE', qty: '1', warehouse: 'RM' },
      ],
      qty: '1',
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.item',
      'body.warehouse',
      'body.sourceOrder',
      'body.lines.0.qty',
      'body.lines.1.item',
    ]);
  });

  it('creates a rework order: the product from rejected stock, extra parts from available', async () => {
    const headers = idem();
    const res = await rework(
      {
        item: 'FAN',
        qty: '4',
        sourceOrder: 'MO-1',
        lines: [{ item: 'GLUE', qty: '2', warehouse: 'RM' }],
      },
      headers,
    );
    expect(res.status).toBe(201);
    order = res.body;
    expect(order).toMatchObject({
      kind: 'rework',
      item: 'FAN',
      qty: '4',
      status: 'released',
      rework: { reason: '外观划伤返修', warehouse: 'QC', sourceOrder: 'MO-1' },
    });
    expect(order.needs).toEqual([
      expect.objectContaining({ item: 'FAN', required: '4', warehouse: 'QC', status: 'rejected' }),
      expect.objectContaining({ item: 'GLUE', qtyPer: '0.5', required: '2', warehouse: 'RM' }),
    ]);
    const again = await rework(
      {
        item: 'FAN',
        qty: '4',
        sourceOrder: 'MO-1',
        lines: [{ item: 'GLUE', qty: '2', warehouse: 'RM' }],
      },
      headers,
    );
    expect(again.headers.get('idempotent-replay')).toBe('true');
    expect(again.body.no).toBe(order.no);
    const list = await api.call<{ items: TaskOrder[] }>('GET', '/api/task-orders?limit=200', {
      token: clerk,
    });
    expect(list.body.items.filter((o) => o.kind === 'rework').map((o) => o.no)).toEqual([order.no]);
  });

  it('MRP does not count the rejected product as demand; the repaired output is supply', async () => {
    const input = await loadPlanningInput(getDeps(), T, '2026-12-01', 30);
    const seen = input.workOrders.find((w) => w.no === order.no)!;
    expect(seen.needs).toEqual([{ item: 'GLUE', qty: '2' }]);
    const plan = planMrp(input);
    // Exploding FAN's BOM would have made BOLT, STEEL and MOTOR demand pegged to the rework.
    const pegged = plan.plannedOrders.filter((p) => p.pegging.some((g) => g.demand === order.no));
    expect(pegged).toEqual([]);
  });

  it('the pick list shows the rejected stock it draws from', async () => {
    const list = await api.call<PickList>('GET', `/api/picking/pick-list?orders=${order.no}`, {
      token: clerk,
    });
    expect(list.status).toBe(200);
    expect(list.body.lines).toEqual([
      {
        item: 'FAN',
        warehouse: 'QC',
        status: 'rejected',
        qty: '4',
        available: '5',
        shares: [{ order: order.no, qty: '4' }],
      },
      {
        item: 'GLUE',
        warehouse: 'RM',
        qty: '2',
        available: '10',
        shares: [{ order: order.no, qty: '2' }],
      },
    ]);
  });

  it('refuses with stock.insufficient when there is not enough rejected stock', async () => {
    const big = await rework({ item: 'FAN', qty: '6' });
    expect(big.status).toBe(201);
    const before = await balances('FAN');
    const res = await api.call('POST', `/api/task-orders/${big.body.no}/issues`, {
      token: clerk,
      headers: idem(),
      body: { date: '2026-12-02' },
    });
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: 'stock.insufficient',
      details: { item: 'FAN', warehouse: 'QC', available: '5', requested: '6' },
    });
    expect(await balances('FAN')).toEqual(before); // good FAN in FG is not used
    const closed = await api.call('POST', `/api/task-orders/${big.body.no}/state`, {
      token: planner,
      body: { to: 'closed' },
    });
    expect(closed.status).toBe(200);
  });

  it('issues the rejected product and the parts; a return goes back to rejected stock', async () => {
    const res = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      headers: idem(),
      body: { date: '2026-12-02' },
    });
    expect(res.status).toBe(201);
    expect(res.body.orders[0]).toMatchObject({
      status: 'inProgress',
      issued: [
        { item: 'FAN', qty: '4' },
        { item: 'GLUE', qty: '2' },
      ],
    });
    expect(await balances('FAN')).toEqual({ 'QC/rejected': '1', 'FG/available': '20' });
    expect(await balances('GLUE')).toEqual({ 'RM/available': '8' });
    const back = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/returns`, {
      token: clerk,
      headers: idem(),
      body: { date: '2026-12-02', lines: [{ item: 'FAN', qty: '1' }] },
    });
    expect(back.status).toBe(201);
    expect(await balances('FAN')).toEqual({ 'QC/rejected': '2', 'FG/available': '20' });
    const report = await api.call('POST', '/api/work-reports', {
      token: await api.token('liuyang', T),
      headers: idem(),
      body: { taskOrder: order.no, date: '2026-12-03', good: '3', hours: '2' },
    });
    expect(report.status).toBe(201);
  });

  it('the receipt puts the repaired product back as available and backflushes nothing', async () => {
    const before = { bolt: await balances('BOLT'), steel: await balances('STEEL') };
    const res = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token: clerk,
      headers: idem(),
      body: { taskOrder: order.no, date: '2026-12-04', qty: '3' },
    });
    expect(res.status).toBe(201);
    expect(res.body.backflush).toEqual([]);
    expect(res.body.document.moves).toEqual([
      expect.objectContaining({ item: 'FAN', warehouse: 'FG', status: 'available', qty: '3' }),
    ]);
    expect(await balances('FAN')).toEqual({ 'QC/rejected': '2', 'FG/available': '23' });
    expect(await balances('BOLT')).toEqual(before.bolt);
    expect(await balances('STEEL')).toEqual(before.steel);
  });

  it('an item that needs inspection comes back into inspection', async () => {
    const grill = await rework({ item: 'GRILL', qty: '3' });
    expect(grill.status).toBe(201);
    const issued = await api.call('POST', `/api/task-orders/${grill.body.no}/issues`, {
      token: clerk,
      headers: idem(),
      body: { date: '2026-12-02' },
    });
    expect(issued.status).toBe(201);
    await reportGood(api, T, grill.body.no, '3');
    const res = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token: clerk,
      headers: idem(),
      body: { taskOrder: grill.body.no, date: '2026-12-04', qty: '3' },
    });
    expect(res.status).toBe(201);
    expect(res.body.backflush).toEqual([]);
    expect(await balances('GRILL')).toEqual({ 'FG/inspection': '3' });
  });
});
