import type {
  MrpRun,
  OutboxEntry,
  Page,
  PlannedOrders,
  SalesOrder,
  SalesPromise,
} from '@factory/shared';
import { completedMrpRun, errorOf, startApi, type Api, fileItem as item } from './harness.js';
import { seedUsers } from './salesHarness.js';

const TENANT = 'wwdemo01';
let api: Api;
let sales: string;
let planner: string;

/**
 * Today is Tuesday 2026-12-01 (tests/testClock.ts). FG (2 working days) = 2 SUB + 1 RM2;
 * SUB (3 days) = 1 RM1 (bought, 5 days); RM2 bought in 1 day. 10 FG on hand; task order MO-1
 * brings 20 FG on 12-08.
 */
const FACTORY = {
  format: 'factory/1',
  runDate: '2026-12-01',
  calendar: { nonWorkingWeekdays: [6, 7], holidays: [] },
  warehouses: [{ code: 'FG', name: '成品仓', kind: 'normal' }],
  partners: [{ code: 'C1', name: '客户一', roles: ['customer'] }],
  items: [
    item('FG', 'manufactured', 2),
    item('SUB', 'manufactured', 3),
    item('RM1', 'purchased', 5),
    item('RM2', 'purchased', 1),
    // Another product, sharing nothing with FG.
    item('OT', 'purchased', 1),
  ],
  boms: [
    {
      parent: 'FG',
      version: 'V1',
      lines: [
        { component: 'SUB', qtyPer: '2' },
        { component: 'RM2', qtyPer: '1' },
      ],
    },
    { parent: 'SUB', version: 'V1', lines: [{ component: 'RM1', qtyPer: '1' }] },
  ],
  stock: [{ item: 'FG', warehouse: 'FG', qty: '10', status: 'available' }],
  taskOrders: [
    { no: 'MO-1', item: 'FG', qty: '20', startDate: '2026-12-02', dueDate: '2026-12-08' },
  ],
};

const promise = (query: string, token = sales) =>
  api.call<SalesPromise>('GET', `/api/sales-orders/promise?${query}`, { token });

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  const admin = await api.token('admin', TENANT);
  const imported = await api.call('POST', '/api/imports', { token: admin, body: FACTORY });
  expect(imported.status).toBe(201);
  await seedUsers(TENANT);
  sales = await api.token('zhangwei', TENANT);
  planner = await api.token('lina', TENANT);
});
afterAll(() => api.close());

describe('promise date (交期承诺)', () => {
  it('promises a quantity free stock covers today', async () => {
    const res = await promise('item=FG&qty=5');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      item: 'FG',
      qty: '5',
      date: '2026-12-01',
      source: 'stock',
      runDate: '2026-12-01',
      path: [{ item: 'FG', qty: '5', how: 'stock', date: '2026-12-01' }],
    });
  });

  it('promises open supply not yet taken at its due date', async () => {
    const res = await promise('item=FG&qty=25');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: '2026-12-08', source: 'supply' });
    expect(res.body.path).toEqual([
      { item: 'FG', qty: '25', how: 'supply', date: '2026-12-08', refs: ['MO-1'] },
    ]);
  });

  it('dates the rest through lead times, the BOM and the calendar', async () => {
    const res = await promise('item=FG&qty=40');
    expect(res.status).toBe(200);
    // 10 from stock; 30 made: RM1 12-01 + 5 = 12-08, SUB + 3 = 12-11, FG + 2 = 12-15.
    expect(res.body).toMatchObject({ date: '2026-12-15', source: 'ctp' });
    expect(res.body.path.map((s) => [s.item, s.how, s.qty, s.date])).toEqual([
      ['FG', 'make', '30', '2026-12-15'],
      ['SUB', 'make', '60', '2026-12-11'],
      ['RM1', 'buy', '60', '2026-12-08'],
    ]);
  });

  it('names each bad field; an unknown item is a 400 on query.item; warehouse staff may not ask', async () => {
    const bad = await promise('item=&qty=-1');
    expect(bad.status).toBe(400);
    expect([...new Set(errorOf(bad).issues?.map((i) => i.path.join('.')))].sort()).toEqual([
      'query.item',
      'query.qty',
    ]);
    const unknown = await promise('item=NOPE&qty=1');
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).issues).toEqual([
      { path: ['query', 'item'], message: '物料不存在：NOPE' },
    ]);
    const fraction = await promise('item=FG&qty=1.5');
    expect(errorOf(fraction).issues?.map((i) => i.path.join('.'))).toEqual(['query.qty']);
    const clerk = await promise('item=FG&qty=1', await api.token('wangqiang', TENANT));
    expect(clerk.status).toBe(403);
  });

  it('keeps the promise on the confirmed line: computed at submit, or the one the rep gave', async () => {
    const order = await confirmed([
      { item: 'FG', qty: '5', unitPrice: '1', dueDate: '2026-12-02' },
    ]);
    expect(order.lines[0]).toMatchObject({ promisedDate: '2026-12-01', promiseSource: 'stock' });
    const read = await api.call<SalesOrder>('GET', `/api/sales-orders/${order.no}`, {
      token: sales,
    });
    expect(read.body.lines[0]).toMatchObject({
      promisedDate: '2026-12-01',
      promiseSource: 'stock',
    });
    // The 5 are taken now: 25 are still free once MO-1 is in, 26 are not.
    expect((await promise('item=FG&qty=25')).body).toMatchObject({
      source: 'supply',
      date: '2026-12-08',
    });
    expect((await promise('item=FG&qty=26')).body.source).toBe('ctp');
  });
});

async function confirmed(lines: Record<string, unknown>[]): Promise<SalesOrder> {
  const created = await api.call<SalesOrder>('POST', '/api/sales-orders', {
    token: sales,
    body: { customer: 'C1', lines },
  });
  expect(created.status).toBe(201);
  const submitted = await api.call<SalesOrder>(
    'POST',
    `/api/sales-orders/${created.body.no}/submit`,
    { token: sales, body: {} },
  );
  expect(submitted.status).toBe(200);
  expect(submitted.body.status).toBe('confirmed');
  return submitted.body;
}

describe('a broken promise', () => {
  it('raises promiseBroken in the run and tells the rep once in WeCom', async () => {
    // Promised for 12-03, but 60 need production: the plan cannot have them before 12-15.
    const order = await confirmed([
      { item: 'FG', qty: '60', unitPrice: '1', dueDate: '2026-12-03', promisedDate: '2026-12-03' },
    ]);
    expect(order.lines[0]).toMatchObject({ promisedDate: '2026-12-03' });
    expect(order.lines[0]!.promiseSource).toBeUndefined();

    await completedMrpRun(api, planner, '2026-12-01');
    const plan = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders?item=FG', {
      token: planner,
    });
    const broken = plan.body.exceptions.filter((e) => e.kind === 'promiseBroken');
    expect(broken).toEqual([
      {
        kind: 'promiseBroken',
        item: 'FG',
        detail: `${order.no}/1：承诺交期 2026-12-03，按本次计划最早 2026-12-15`,
      },
    ]);

    await api.runtime.outbox.idle();
    const notices = async () =>
      (
        await api.call<Page<OutboxEntry>>('GET', '/api/outbox?status=delivered&limit=200', {
          token: await api.token('admin', TENANT),
        })
      ).body.items.filter((e) => e.kind === 'promiseNotice');
    expect((await notices()).map((n) => n.recipients)).toEqual([['zhangwei']]);
    const texts = api.runtime
      .wecom!.sim.sentMessages(TENANT)
      .filter((m) => m.msgtype === 'text' && JSON.stringify(m.content).includes('【交期预警】'));
    expect(texts).toHaveLength(1);
    expect(JSON.stringify(texts[0]!.content)).toContain(
      `承诺交期 2026-12-03，按最新计划最早 2026-12-15`,
    );

    // A second run breaks the same promise again: the exception again, no second message.
    await completedMrpRun(api, planner, '2026-12-01');
    const again = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders?item=FG', {
      token: planner,
    });
    expect(again.body.exceptions.filter((e) => e.kind === 'promiseBroken')).toHaveLength(1);
    await api.runtime.outbox.idle();
    expect(await notices()).toHaveLength(1);

    // An order for a product that shares nothing with FG: its net run does not check FG's
    // line again (it and everything below FG are as they were) and keeps its verdict.
    const before = (
      await api.call<Page<MrpRun>>('GET', '/api/mrp/runs?limit=50', { token: planner })
    ).body.items.map((r) => r.runId);
    await confirmed([{ item: 'OT', qty: '4', unitPrice: '1', dueDate: '2026-12-10' }]);
    for (let i = 0; i < 3; i++) {
      await api.runtime.outbox.idle();
      await api.runtime.workflows.idle();
    }
    const net = (
      await api.call<Page<MrpRun>>('GET', '/api/mrp/runs?limit=50', { token: planner })
    ).body.items.find((r) => !before.includes(r.runId))!;
    expect(net).toMatchObject({ mode: 'net', status: 'completed' });
    // The new line (its promise computed at submit) is the only one checked again.
    expect(net.counts!.salesOrderLines).toBeGreaterThanOrEqual(2);
    expect(net.counts).toMatchObject({ promisesChecked: 1 });
    const kept = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders?item=FG', {
      token: planner,
    });
    expect(kept.body.runId).toBe(net.runId);
    expect(kept.body.exceptions.filter((e) => e.kind === 'promiseBroken')).toEqual(broken);
    expect(await notices()).toHaveLength(1);
  });
});
