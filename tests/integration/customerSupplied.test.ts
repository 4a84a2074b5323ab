import {
  type Balance,
  type CustomerStock,
  type Page,
  type PickList,
  type PlannedOrders,
  type TaskOrder,
  sumQty,
} from '@factory/shared';
import { errorOf, completedMrpRun, startApi, type Api } from './harness.js';
import { idem, importFactory, reportGood, shopfloorFile } from './shopfloorHarness.js';

/**
 * Customer-supplied material (客供料, DOMAIN.md): received at zero value into a
 * customer-supplied warehouse and owned there by its customer; issued to task orders (by hand
 * and by backflush) from that customer's stock only, returned from orders and back to the
 * customer; reported per customer and item.
 */
const T = 'wwcsm0001';
let api: Api;
let planner: string;
let clerk: string;

async function owned(item: string): Promise<Record<string, string>> {
  const res = await api.call<Page<Balance>>('GET', `/api/stock/balances?item=${item}`, {
    token: clerk,
  });
  expect(res.status).toBe(200);
  return Object.fromEntries(
    res.body.items.map((b) => [`${b.warehouse}/${b.customer ?? '-'}`, b.qty]),
  );
}

const post = (path: string, body: Record<string, unknown>) =>
  api.call('POST', path, { token: clerk, headers: idem(), body: { date: '2026-12-02', ...body } });

const report = async (query = '') => {
  const res = await api.call<CustomerStock>('GET', `/api/stock/customer-stock${query}`, {
    token: clerk,
  });
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  api = await startApi();
  const file = shopfloorFile();
  const base = file.items.find((i) => i.code === 'BOLT')!;
  file.warehouses.push({ code: 'CS', name: '客供料仓', kind: 'customerSupplied' } as never);
  file.partners.push(
    { code: 'C1', name: '华强电子', roles: ['customer'] },
    { code: 'C2', name: '东方家电', roles: ['customer'] },
  );
  const supplied = { source: 'customerSupplied', customer: 'C1', defaultWarehouse: 'CS' };
  file.items.push(
    { ...base, code: 'BOX', name: '包装盒', source: 'manufactured', defaultWarehouse: 'FG' },
    { ...base, ...supplied, code: 'PANEL', name: '客供面板', defaultSupplier: undefined } as never,
    { ...base, ...supplied, code: 'LABEL', name: '客供标签', defaultSupplier: undefined } as never,
  );
  file.boms.push({
    parent: 'BOX',
    version: 'V1',
    effectiveFrom: '2026-01-01',
    lines: [
      { component: 'PANEL', qtyPer: '2', issueMethod: 'manual' },
      { component: 'LABEL', qtyPer: '1', issueMethod: 'backflush' },
    ],
  } as never);
  await importFactory(api, T, JSON.parse(JSON.stringify(file)));
  planner = await api.token('lina', T);
  clerk = await api.token('wangqiang', T);
});
afterAll(() => api.close());

describe('customer-supplied material', () => {
  let order: TaskOrder;

  it('is received at zero value into the CS warehouse, owned by the item’s or the named customer', async () => {
    const res = await post('/api/stock/receipts', {
      reason: 'customerSupplied',
      partner: 'C1',
      lines: [
        { item: 'PANEL', warehouse: 'CS', qty: '40' },
        { item: 'LABEL', warehouse: 'CS', qty: '20' },
        { item: 'PANEL', warehouse: 'CS', qty: '10', customer: 'C2' },
      ],
    });
    expect(res.status).toBe(201);
    expect(await owned('PANEL')).toEqual({ 'CS/C1': '40', 'CS/C2': '10' });
    expect(await owned('LABEL')).toEqual({ 'CS/C1': '20' });
  });

  it('refuses a value, another warehouse and an ownerless line, writing nothing', async () => {
    const res = await post('/api/stock/receipts', {
      reason: 'customerSupplied',
      lines: [
        {
          item: 'PANEL',
          warehouse: 'CS',
          qty: '1',
          unitCost: { amount: 100, scale: 2, currency: 'CNY' },
        },
        { item: 'PANEL', warehouse: 'RM', qty: '1' },
        { item: 'BOLT', warehouse: 'CS', qty: '1' },
        { item: 'PANEL', warehouse: 'CS', qty: '1', customer: 'S1' },
        { item: 'PANEL', warehouse: 'CS', qty: '1', customer: 'NOPE' },
      ],
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).issues).toEqual([
      { path: ['body', 'lines', 0, 'unitCost'], message: '客供料按零成本入库，不能有单价' },
      {
        path: ['body', 'lines', 1, 'warehouse'],
        message: '客供料只能收入客供料仓，RM 不是客供料仓',
      },
      {
        path: ['body', 'lines', 2, 'customer'],
        message: '客供料仓 CS 中的 BOLT 需注明所属客户（customer）',
      },
      { path: ['body', 'lines', 3, 'customer'], message: '往来单位 S1 不是客户' },
      { path: ['body', 'lines', 4, 'customer'], message: '客户不存在：NOPE' },
    ]);
    const out = await post('/api/stock/transfers', {
      lines: [{ item: 'PANEL', fromWarehouse: 'CS', toWarehouse: 'RM', qty: '1' }],
    });
    expect(out.status).toBe(400);
    expect(errorOf(out).issues).toEqual([
      {
        path: ['body', 'lines', 0, 'toWarehouse'],
        message: '客供料只能在客供料仓之间调拨，不能调入 RM（发往生产请用领料）',
      },
    ]);
    expect(await owned('PANEL')).toEqual({ 'CS/C1': '40', 'CS/C2': '10' });
  });

  it('is issued to a task order from its customer’s stock only, and returned from it', async () => {
    const created = await api.call<TaskOrder>('POST', '/api/task-orders', {
      token: planner,
      headers: idem(),
      body: { item: 'BOX', qty: '10', startDate: '2026-12-01', dueDate: '2026-12-10' },
    });
    expect(created.status).toBe(201);
    order = created.body;
    expect(order.needs.map((n) => [n.item, n.warehouse, n.required])).toEqual([
      ['PANEL', 'CS', '20'],
      ['LABEL', 'CS', '10'],
    ]);
    const list = await api.call<PickList>('GET', `/api/picking/pick-list?orders=${order.no}`, {
      token: clerk,
    });
    // C2's ten panels are not C1's: only C1's forty count for the order.
    expect(list.body.lines).toEqual([
      expect.objectContaining({ item: 'PANEL', warehouse: 'CS', qty: '20', available: '40' }),
    ]);
    const issued = await post(`/api/task-orders/${order.no}/issues`, {});
    expect(issued.status).toBe(201);
    expect(await owned('PANEL')).toEqual({ 'CS/C1': '20', 'CS/C2': '10' });
    const back = await post(`/api/task-orders/${order.no}/returns`, {
      lines: [{ item: 'PANEL', qty: '2' }],
    });
    expect(back.status).toBe(201);
    expect(await owned('PANEL')).toEqual({ 'CS/C1': '22', 'CS/C2': '10' });
  });

  it('is backflushed from its customer’s stock by the production receipt', async () => {
    await reportGood(api, T, order.no, '4');
    const res = await post('/api/production-receipts', { taskOrder: order.no, qty: '4' });
    expect(res.status).toBe(201);
    expect(await owned('LABEL')).toEqual({ 'CS/C1': '16' });
  });

  it('goes back to the customer, never more than the customer holds', async () => {
    const res = await post('/api/stock/issues', {
      reason: 'returnToCustomer',
      partner: 'C1',
      lines: [{ item: 'PANEL', warehouse: 'CS', qty: '5' }],
    });
    expect(res.status).toBe(201);
    const tooMuch = await post('/api/stock/issues', {
      reason: 'returnToCustomer',
      partner: 'C2',
      lines: [{ item: 'PANEL', warehouse: 'CS', qty: '11', customer: 'C2' }],
    });
    expect(tooMuch.status).toBe(409);
    expect(errorOf(tooMuch)).toMatchObject({
      code: 'stock.insufficient',
      details: { item: 'PANEL', warehouse: 'CS', available: '10', requested: '11' },
    });
    expect(await owned('PANEL')).toEqual({ 'CS/C1': '17', 'CS/C2': '10' });
  });

  it('is reported per customer and item: received, issued net of returns, returned, on hand', async () => {
    const all = await report();
    expect(
      all.lines.map((l) => [
        l.customer,
        l.customerName,
        l.item,
        l.name,
        l.received,
        l.issued,
        l.returned,
        l.adjusted,
        l.onHand,
      ]),
    ).toEqual([
      ['C1', '华强电子', 'LABEL', '客供标签', '20', '4', '0', '0', '16'],
      ['C1', '华强电子', 'PANEL', '客供面板', '40', '18', '5', '0', '17'],
      ['C2', '东方家电', 'PANEL', '客供面板', '10', '0', '0', '0', '10'],
    ]);
    const c2 = await report('?customer=C2');
    expect(c2.lines.map((l) => l.customer)).toEqual(['C2']);
    const bad = await api.call('GET', '/api/stock/customer-stock?customer=' + 'x'.repeat(200), {
      token: clerk,
    });
    expect(bad.status).toBe(400);
  });

  it('a count adjusts the customer’s stock and shows as adjusted', async () => {
    const res = await post('/api/stock/adjustments', {
      lines: [{ item: 'PANEL', warehouse: 'CS', customer: 'C2', countedQty: '9' }],
    });
    expect(res.status).toBe(201);
    const c2 = await report('?customer=C2');
    expect(c2.lines[0]).toMatchObject({ received: '10', adjusted: '-1', onHand: '9' });
  });

  it('lists what the current plan asks each customer to supply, never a purchase', async () => {
    const more = await api.call<TaskOrder>('POST', '/api/task-orders', {
      token: planner,
      headers: idem(),
      body: { item: 'BOX', qty: '30', startDate: '2026-12-07', dueDate: '2026-12-10' },
    });
    expect(more.status).toBe(201);
    const started = await completedMrpRun(api, planner, '2026-12-01');
    const planned = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders?item=PANEL', {
      token: planner,
    });
    const asks = planned.body.plannedOrders;
    expect(asks.length).toBeGreaterThan(0);
    expect(asks.every((o) => o.type === 'customerSupply' && o.supplier === 'C1')).toBe(true);
    const c1 = await report('?customer=C1');
    expect(c1.runId).toBe(started.runId);
    expect(c1.requests.filter((r) => r.item === 'PANEL')).toEqual(
      asks.map((o) => ({
        customer: 'C1',
        item: 'PANEL',
        qty: o.qty,
        dueDate: o.dueDate,
        trackingNo: o.trackingNo,
        late: o.late,
      })),
    );
    const line = c1.lines.find((l) => l.item === 'PANEL')!;
    expect(line.requested).toBe(sumQty(asks.map((o) => o.qty)));
    // 60 for the new order and 2 still unissued on the first, less C1's 17 on hand.
    expect(line.requested).toBe('45');
  });

  it('another tenant sees none of it', async () => {
    const other = await api.call<CustomerStock>('GET', '/api/stock/customer-stock', {
      token: await api.token('wangqiang', 'wwcsm0002'),
    });
    expect(other.status).toBe(200);
    expect(other.body.lines).toEqual([]);
  });
});
