import { readFileSync } from 'node:fs';
import type { Item, PlannedOrders, ReleaseResult } from '@factory/shared';
import { errorOf, completedMrpRun, startApi, type Api } from './harness.js';
import { idem } from './shopfloorHarness.js';

/**
 * Customer-supplied material in planning (issue 14, deliverable 6), through the API: the
 * third example of docs/planning.md imported as a factory file, planned by the real MRP
 * workflow, its planned orders read and released. CS1 is supplied by customer C1: its
 * customer's available 40 in the customer-supplied warehouse are netted (not customer C2's
 * 100 there, not C1's 15 in inspection), and the 60 short become a `customerSupply` request
 * to C1, which is never released as a purchase.
 */
const TENANT = 'wwcsplan1';
const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../docs/examples/${name}`, import.meta.url), 'utf8'));
const file = example('planning-customer-supplied.json');
let api: Api;
let planner: string;

const plannedOrders = async (query = '') => {
  const res = await api.call<PlannedOrders>('GET', `/api/mrp/planned-orders${query}`, {
    token: planner,
  });
  expect(res.status).toBe(200);
  return res.body;
};

const runMrp = () => completedMrpRun(api, planner, file.runDate);

beforeAll(async () => {
  api = await startApi();
  const admin = await api.token('admin', TENANT);
  const imported = await api.call('POST', '/api/imports', { token: admin, body: file });
  expect([imported.status, imported.body]).toEqual([201, expect.anything()]);
  planner = await api.token('lina', TENANT);
  await runMrp();
});
afterAll(() => api.close());

it('imports the customer-supplied item with its customer', async () => {
  const item = await api.call<Item>('GET', '/api/items/CS1', { token: planner });
  expect(item.body).toMatchObject({ source: 'customerSupplied', customer: 'C1' });
});

it('plans a customerSupply request to the customer for what its own stock does not cover, no purchase', async () => {
  const plan = await plannedOrders();
  const expected = example('planning-customer-supplied.result.json');
  expect(plan.plannedOrders.map(({ id: _i, released: _r, ...o }) => o)).toEqual(
    expected.plannedOrders,
  );
  expect(plan.exceptions).toEqual(expected.exceptions);
  const cs1 = plan.plannedOrders.filter((o) => o.item === 'CS1');
  expect(cs1.map((o) => [o.type, o.qty, o.supplier, o.dueDate])).toEqual([
    ['customerSupply', '60', 'C1', '2026-12-11'],
  ]);

  // The type filter accepts customerSupply, by page and by item.
  const requests = await plannedOrders('?type=customerSupply');
  expect(requests.plannedOrders.map((o) => o.item)).toEqual(['CS1']);
  const byItem = await plannedOrders('?item=CS1&type=purchase');
  expect(byItem.plannedOrders).toEqual([]);
  const bad = await api.call('GET', '/api/mrp/planned-orders?type=customer', { token: planner });
  expect(bad.status).toBe(400);
  expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(['query.type']);
});

it('refuses to release a customerSupply request, naming it; nothing of the request is released', async () => {
  const plan = await plannedOrders();
  const request = plan.plannedOrders.find((o) => o.type === 'customerSupply')!;
  const purchase = plan.plannedOrders.find((o) => o.type === 'purchase')!;
  const res = await api.call('POST', '/api/mrp/release', {
    token: planner,
    body: { ids: [purchase.id, request.id] },
  });
  expect(res.status).toBe(400);
  expect(errorOf(res).issues).toEqual([
    {
      path: ['body', 'ids', 1],
      message: `计划订单 ${request.id} 是客供需求（物料 CS1 由客户 C1 提供），请联系客户供料，不能下达`,
    },
  ]);
  const after = await plannedOrders();
  expect(after.plannedOrders.filter((o) => o.released)).toEqual([]);

  // The purchase alone is released as usual.
  const alone = await api.call<ReleaseResult>('POST', '/api/mrp/release', {
    token: planner,
    body: { ids: [purchase.id] },
  });
  expect(alone.status).toBe(201);
  expect(alone.body.purchaseOrders).toHaveLength(1);
});

it('the next run nets what the customer sent since, not what another customer sent', async () => {
  const clerk = await api.token('wangqiang', TENANT);
  const receive = (customer: string, qty: string) =>
    api.call('POST', '/api/stock/receipts', {
      token: clerk,
      headers: idem(),
      body: {
        date: '2026-12-02',
        reason: 'customerSupplied',
        partner: customer,
        lines: [{ item: 'CS1', warehouse: 'CS', qty, customer }],
      },
    });
  expect((await receive('C1', '25')).status).toBe(201);
  expect((await receive('C2', '500')).status).toBe(201);
  await runMrp();
  const cs1 = (await plannedOrders('?item=CS1')).plannedOrders;
  expect(cs1.map((o) => [o.type, o.qty, o.supplier])).toEqual([['customerSupply', '35', 'C1']]);
});
