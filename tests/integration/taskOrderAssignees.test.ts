import type { Page, PickList, PickResult, TaskOrder, TaskOrderView } from '@factory/shared';
import { getDeps } from '../../functions/src/deps.js';
import { userRepo } from '../../functions/src/store/userRepo.js';
import { approvedBom, createItems } from './bomHarness.js';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { seedUsers } from './salesHarness.js';

// Issue 18 on the API: a worker's list is theirs (assigned to them or to nobody), planners see
// all and may filter by worker; pick lists walk by 库位; a pick answers what it posted.
const TENANT = 'wwtest01';
let api: Api;
let planner: string;
let worker: string;
let clerk: string;
let admin: string;

async function newOrder(item: string, qty: string, extra: Record<string, unknown> = {}) {
  const res = await api.call<TaskOrder>('POST', '/api/task-orders', {
    token: planner,
    body: { item, qty, startDate: '2026-12-01', dueDate: '2026-12-10', ...extra },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body;
}

const listed = async (token: string, query = '') => {
  const res = await api.call<Page<TaskOrderView>>('GET', `/api/task-orders?limit=200${query}`, {
    token,
  });
  expect(res.status).toBe(200);
  return res.body.items;
};

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  await seedUsers(TENANT);
  await userRepo(getDeps(), TENANT).putIfAbsent({
    userid: 'huangfang',
    name: '黄芳（操作工）',
    roles: ['worker'],
    active: true,
  });
  planner = await api.token('lina');
  worker = await api.token('chenjie');
  clerk = await api.token('wangqiang');
  admin = await api.token('admin');
  const rm = { source: 'purchased', defaultWarehouse: 'RM' };
  await createItems(api, admin, {
    W: {},
    // Codes in one order, bins in the other.
    WA: { ...rm, location: 'B-01' },
    WB: { ...rm, location: 'A-10' },
    WC: { ...rm, location: 'A-2' },
  });
  await approvedBom(api, await api.token('wuhao'), 'W', [
    { component: 'WA', qtyPer: '1' },
    { component: 'WB', qtyPer: '1' },
    { component: 'WC', qtyPer: '1' },
  ]);
});
afterAll(async () => {
  await api?.close();
});

test('a worker lists the orders assigned to them and the unassigned ones; others see all', async () => {
  const mine = await newOrder('W', '5', { assignees: ['chenjie'] });
  const theirs = await newOrder('W', '5', { assignees: ['huangfang'] });
  const nobodys = await newOrder('W', '5');
  const shared = await newOrder('W', '5');
  // Assigned later on the task page, by a planner: shown by name.
  const assigned = await api.call<TaskOrderView>('PUT', `/api/task-orders/${shared.no}/assignees`, {
    token: planner,
    body: { assignees: ['huangfang', 'chenjie', 'huangfang'] },
  });
  expect(assigned.status).toBe(200);
  expect(assigned.body.assignees).toEqual(['huangfang', 'chenjie']);
  expect(assigned.body.labels?.users).toEqual({
    huangfang: '黄芳（操作工）',
    chenjie: '陈杰（操作工）',
  });

  const seen = (await listed(worker)).map((o) => o.no);
  expect(seen).toEqual(expect.arrayContaining([mine.no, nobodys.no, shared.no]));
  expect(seen).not.toContain(theirs.no);
  // Asking for another worker's orders changes nothing for a worker.
  expect((await listed(worker, '&assignee=huangfang')).map((o) => o.no)).toEqual(seen);

  const all = (await listed(clerk)).map((o) => o.no);
  expect(all).toEqual(expect.arrayContaining([mine.no, theirs.no, nobodys.no, shared.no]));
  const hers = await listed(planner, '&assignee=huangfang');
  expect(hers.map((o) => o.no).sort()).toEqual([theirs.no, shared.no].sort());
  expect(hers.find((o) => o.no === theirs.no)?.labels?.users).toEqual({
    huangfang: '黄芳（操作工）',
  });
  const one = await api.call<TaskOrderView>('GET', `/api/task-orders/${mine.no}`, {
    token: worker,
  });
  expect(one.body.labels?.users).toEqual({ chenjie: '陈杰（操作工）' });
});

test('only planners and their like assign, only to active workers', async () => {
  const order = await newOrder('W', '1');
  const byWorker = await api.call('PUT', `/api/task-orders/${order.no}/assignees`, {
    token: worker,
    body: { assignees: ['chenjie'] },
  });
  expect(byWorker.status).toBe(403);
  const notWorker = await api.call('PUT', `/api/task-orders/${order.no}/assignees`, {
    token: planner,
    body: { assignees: ['chenjie', 'wangqiang'] },
  });
  expect(notWorker.status).toBe(400);
  expect(errorOf(notWorker).issues).toEqual([
    expect.objectContaining({
      path: ['body', 'assignees', 1],
      message: '不是在职的操作工：wangqiang',
    }),
  ]);
  const stale = await api.call('PUT', `/api/task-orders/${order.no}/assignees`, {
    token: planner,
    body: { assignees: [], expectedVersion: order.version + 5 },
  });
  expect(stale.status).toBe(409);
  const workers = await api.call<{ items: { userid: string; name: string }[] }>(
    'GET',
    '/api/task-order-assignees',
    { token: planner },
  );
  expect(workers.body.items.map((w) => w.userid).sort()).toEqual(['chenjie', 'huangfang']);
});

test('a merged pick list walks by 库位; a partial pick answers only what it posted', async () => {
  const a = await newOrder('W', '10', { priority: 1 });
  const b = await newOrder('W', '20', { priority: 2 });
  const receipt = await api.call('POST', '/api/stock/receipts', {
    token: clerk,
    body: {
      date: '2026-11-25',
      reason: 'purchase',
      lines: ['WA', 'WB', 'WC'].map((item) => ({ item, warehouse: 'RM', qty: '100' })),
    },
  });
  expect(receipt.status).toBe(201);
  const list = await api.call<PickList>('GET', `/api/picking/pick-list?orders=${a.no},${b.no}`, {
    token: clerk,
  });
  expect(list.body.lines.map((l) => [l.item, l.location])).toEqual([
    ['WC', 'A-2'],
    ['WB', 'A-10'],
    ['WA', 'B-01'],
  ]);

  const pick = (lines: { item: string; qty: string }[]) =>
    api.call<PickResult>('POST', '/api/picking/merged', {
      token: clerk,
      body: {
        orders: [a.no, b.no],
        date: '2026-12-01',
        lines: lines.map((l) => ({ ...l, warehouse: 'RM' })),
      },
    });
  const first = await pick([{ item: 'WC', qty: '15' }]);
  expect(first.status).toBe(201);
  expect(first.body.posted).toEqual([
    { order: a.no, item: 'WC', warehouse: 'RM', qty: '10' },
    { order: b.no, item: 'WC', warehouse: 'RM', qty: '5' },
  ]);
  const second = await pick([
    { item: 'WC', qty: '4' },
    { item: 'WA', qty: '12' },
  ]);
  expect(second.status).toBe(201);
  // This pick only: 4 more of WC (all to b, a is covered), 12 of WA by priority.
  expect(second.body.posted).toEqual([
    { order: b.no, item: 'WC', warehouse: 'RM', qty: '4' },
    { order: a.no, item: 'WA', warehouse: 'RM', qty: '10' },
    { order: b.no, item: 'WA', warehouse: 'RM', qty: '2' },
  ]);
  const after = second.body.orders.find((o) => o.no === b.no)!;
  expect(after.issued.find((i) => i.item === 'WC')?.qty).toBe('9');
});
