import type {
  CustomerReturn,
  Deliverables,
  Delivery,
  DeliveryShare,
  OutboxEntry,
  Page,
  PlannedOrders,
  SalesOrder,
  SalesOrderProgress,
} from '@factory/shared';
import { subQty, sumQty } from '@factory/shared';
import { anItem, errorOf, seedBasics, completedMrpRun, startApi, type Api } from './harness.js';
import { balanceQty, allMoves } from './ledger.js';
import { aSalesOrder, seedSales, seedUsers, submittedOrder } from './salesHarness.js';

/**
 * Deliveries (发货单) and customer returns (销售退货), issue 12 deliverable 2: lines of a
 * customer's confirmed orders ship out of stock (MTO from the order's tracking number, MTS
 * from the pool) in the transaction that raises the lines' delivered; a fully delivered order
 * closes; MRP plans only what is undelivered; the rep hears of it in WeCom.
 */
const TENANT = 'wwdemo01';
let api: Api;
let admin: string;
let clerk: string;
let sales: string;
let planner: string;

async function post(path: string, body: unknown, token = admin) {
  const res = await api.call('POST', path, { token, body });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const receive = (item: string, qty: string, trackingNo?: string, warehouse = 'FG') =>
  post('/api/stock/receipts', {
    date: '2026-12-01',
    reason: 'opening',
    lines: [{ item, warehouse, qty, ...(trackingNo ? { trackingNo } : {}) }],
  });

const deliver = (body: unknown, token = clerk, headers: Record<string, string> = {}) =>
  api.call<Delivery>('POST', '/api/deliveries', { token, body, headers });

const order = async (no: string) =>
  (await api.call<SalesOrder>('GET', `/api/sales-orders/${no}`, { token: admin })).body;

async function runMrp(): Promise<PlannedOrders> {
  await completedMrpRun(api, planner, '2026-12-01');
  const res = await api.call<PlannedOrders>('GET', '/api/mrp/planned-orders?limit=2000', {
    token: planner,
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** What a delivery left behind: balances, the orders, the count of deliveries. */
async function snapshot(items: string[]) {
  const stock: Record<string, string> = {};
  for (const i of items) stock[i] = await balanceQty(api, admin, i, 'FG');
  const list = await api.call<Page<Delivery>>('GET', '/api/deliveries?limit=200', {
    token: admin,
  });
  return { stock, deliveries: list.body.items.length };
}

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  await seedBasics(api, TENANT);
  await seedSales(api, TENANT);
  await seedUsers(TENANT);
  admin = await api.token('admin', TENANT);
  clerk = await api.token('wangqiang', TENANT);
  sales = await api.token('zhangwei', TENANT);
  planner = await api.token('lina', TENANT);
  await post(
    '/api/items',
    anItem({
      code: 'LAMP',
      name: '台灯',
      source: 'purchased',
      strategy: 'mts',
      defaultWarehouse: 'FG',
    }),
  );
});
afterAll(() => api.close());

describe('deliveries', () => {
  let mto: SalesOrder;
  let mts: SalesOrder;

  beforeAll(async () => {
    mts = await submittedOrder(
      api,
      sales,
      aSalesOrder({
        lines: [
          { item: 'FAN', qty: '10', unitPrice: '100', dueDate: '2026-12-20' },
          { item: 'LAMP', qty: '5', unitPrice: '30', dueDate: '2026-12-20' },
        ],
      }),
    );
    mto = await submittedOrder(
      api,
      sales,
      aSalesOrder({
        lines: [{ item: 'FAN-X', qty: '3', unitPrice: '500', dueDate: '2026-12-18' }],
      }),
    );
    expect([mts.status, mto.status]).toEqual(['confirmed', 'confirmed']);
    // FAN: 6 in the pool, 50 tracked for another order (not ours to ship); FAN-X: 2 of mto's.
    await receive('FAN', '6');
    await receive('FAN', '50', 'SO-OTHER');
    await receive('FAN-X', '2', mto.no);
    await receive('FAN-X', '9'); // pool stock: never shipped on an MTO line
    await receive('LAMP', '5');
  });

  it('lists what is left to ship to the customer, with names, units and warehouses', async () => {
    const res = await api.call<Deliverables>('GET', '/api/delivery-lines?customer=C1', {
      token: clerk,
    });
    expect(res.status).toBe(200);
    expect(res.body.customerName).toBe('客户一');
    const lamp = res.body.lines.find((l) => l.item === 'LAMP')!;
    expect(lamp).toMatchObject({
      salesOrder: mts.no,
      line: 2,
      itemName: '台灯',
      unitName: '个',
      open: '5',
      warehouse: 'FG',
      warehouseName: '成品仓',
    });
    expect(res.body.lines.find((l) => l.item === 'FAN-X')).toMatchObject({
      trackingNo: mto.no,
      open: '3',
    });
    const bad = await api.call('GET', '/api/delivery-lines', { token: clerk });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(['query.customer']);
  });

  it('refuses over-delivery, short stock (MTS from the pool only, MTO from its own number) and bad input, writing nothing', async () => {
    const before = await snapshot(['FAN', 'FAN-X', 'LAMP']);
    const over = await deliver({
      customer: 'C1',
      lines: [
        { salesOrder: mts.no, line: 1, qty: '6', warehouse: 'FG' },
        { salesOrder: mts.no, line: 1, qty: '5', warehouse: 'FG' },
      ],
    });
    expect(over.status).toBe(409);
    expect(errorOf(over).code).toBe('delivery.overDelivery');
    expect(errorOf(over).details).toMatchObject({
      lines: [{ salesOrder: mts.no, line: 1, ordered: '10', requested: '11' }],
    });

    // 7 FAN: the pool has 6 (the 50 tracked for SO-OTHER are not free).
    const shortMts = await deliver({
      customer: 'C1',
      lines: [{ salesOrder: mts.no, line: 1, qty: '7', warehouse: 'FG' }],
    });
    expect(shortMts.status).toBe(409);
    expect(errorOf(shortMts).code).toBe('stock.insufficient');
    // 3 FAN-X: the order's own stock is 2 (the 9 in the pool are not its).
    const shortMto = await deliver({
      customer: 'C1',
      lines: [
        { salesOrder: mts.no, line: 2, qty: '5' },
        { salesOrder: mto.no, line: 1, qty: '3', warehouse: 'FG' },
      ],
    });
    expect(shortMto.status).toBe(409);
    expect(errorOf(shortMto).code).toBe('stock.insufficient');

    const bad = await deliver({
      customer: 'C2',
      date: '2026-13-01',
      lines: [
        { salesOrder: mts.no, line: 1, qty: '1', warehouse: 'FG' },
        { salesOrder: 'SO-NOPE', line: 1, qty: '1' },
        { salesOrder: mto.no, line: 1, qty: '-1' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['body.date', 'body.lines.2.qty']),
    );
    const wrong = await deliver({
      customer: 'C2',
      lines: [
        { salesOrder: mts.no, line: 1, qty: '1', warehouse: 'FG' },
        { salesOrder: 'SO-NOPE', line: 1, qty: '1' },
        { salesOrder: mto.no, line: 9, qty: '1' },
        { salesOrder: mts.no, line: 1, qty: '1' },
      ],
    });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.lines.0.salesOrder',
      'body.lines.1.salesOrder',
      'body.lines.2.salesOrder',
      'body.lines.3.salesOrder',
    ]);
    const noWarehouse = await deliver({
      customer: 'C1',
      lines: [{ salesOrder: mts.no, line: 1, qty: '1' }],
    });
    expect(noWarehouse.status).toBe(400);
    expect(errorOf(noWarehouse).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.lines.0.warehouse',
    ]);
    const byRep = await deliver(
      { customer: 'C1', lines: [{ salesOrder: mts.no, line: 2, qty: '1' }] },
      sales,
    );
    expect(byRep.status).toBe(403);

    expect(await snapshot(['FAN', 'FAN-X', 'LAMP'])).toEqual(before);
    expect((await order(mts.no)).lines.map((l) => l.delivered)).toEqual(['0', '0']);
  });

  it('refuses orders that are not confirmed (draft, pending), writing nothing', async () => {
    const draft = await api.call<SalesOrder>('POST', '/api/sales-orders', {
      token: sales,
      body: aSalesOrder({
        lines: [{ item: 'LAMP', qty: '1', unitPrice: '30', dueDate: '2026-12-20' }],
      }),
    });
    const res = await deliver({
      customer: 'C1',
      lines: [{ salesOrder: draft.body.no, line: 1, qty: '1' }],
    });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('salesOrder.invalidState');
    expect(await balanceQty(api, admin, 'LAMP', 'FG')).toBe('5');
  });

  let first: Delivery;

  it('delivers an MTS and an MTO line in part: stock out of the pool and of the order, delivered raised, moves keep the delivery no and line; the retry replays', async () => {
    const body = {
      customer: 'C1',
      note: '第一批',
      lines: [
        { salesOrder: mts.no, line: 1, qty: '4', warehouse: 'FG' },
        { salesOrder: mto.no, line: 1, qty: '2', warehouse: 'FG' },
      ],
    };
    const headers = { 'idempotency-key': 'dl-first-0001' };
    const res = await deliver(body, clerk, headers);
    expect(res.status).toBe(201);
    first = res.body;
    // The refusals before took no number.
    expect(first.no).toBe('DL-20261201-0001');
    expect(first).toMatchObject({
      customer: 'C1',
      customerName: '客户一',
      salesOrders: [mts.no, mto.no],
      closedOrders: [],
      lines: [
        {
          line: 1,
          salesOrder: mts.no,
          salesOrderLine: 1,
          item: 'FAN',
          itemName: '落地扇',
          qty: '4',
          unitName: '个',
        },
        {
          line: 2,
          salesOrder: mto.no,
          salesOrderLine: 1,
          item: 'FAN-X',
          qty: '2',
          trackingNo: mto.no,
        },
      ],
    });
    expect(first.lines[0]!.trackingNo).toBeUndefined();

    const again = await deliver(body, clerk, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replay')).toBe('true');
    expect(again.body).toEqual(first);

    expect((await order(mts.no)).lines.map((l) => l.delivered)).toEqual(['4', '0']);
    expect((await order(mts.no)).status).toBe('confirmed');
    expect((await order(mto.no)).lines[0]!.delivered).toBe('2');
    // Pool FAN 6 -> 2, SO-OTHER's 50 untouched; FAN-X of the order 2 -> 0, pool 9 untouched.
    const balances = await api.call<Page<{ trackingNo: string; qty: string }>>(
      'GET',
      '/api/stock/balances?item=FAN&includeZero=true',
      { token: admin },
    );
    expect(
      Object.fromEntries(balances.body.items.map((b) => [b.trackingNo || 'pool', b.qty])),
    ).toEqual({ pool: '2', 'SO-OTHER': '50' });
    const fanx = await api.call<Page<{ trackingNo: string; qty: string }>>(
      'GET',
      '/api/stock/balances?item=FAN-X&includeZero=true',
      { token: admin },
    );
    expect(Object.fromEntries(fanx.body.items.map((b) => [b.trackingNo || 'pool', b.qty]))).toEqual(
      { pool: '9', [mto.no]: '0' },
    );
    const moves = (await allMoves(api, admin, 'FAN')).filter((m) => m.docNo === first.no);
    expect(moves).toEqual([
      expect.objectContaining({ docNo: first.no, lineNo: 1, qty: '-4', docKind: 'issue' }),
    ]);
  });

  it('the next MRP run plans only what is undelivered', async () => {
    // FAN: ordered 10, delivered 4, free stock 2 -> 4 to make (not 10 − 2 = 8).
    // Planning nets an MTS item's stock whatever its tracking number: SO-OTHER's 50 go first.
    await post('/api/stock/issues', {
      date: '2026-12-01',
      reason: 'other',
      lines: [{ item: 'FAN', warehouse: 'FG', trackingNo: 'SO-OTHER', qty: '50' }],
    });
    const plan = await runMrp();
    const fan = plan.plannedOrders.filter((o) => o.item === 'FAN' && o.trackingNo === null);
    expect(fan.map((o) => o.qty)).toEqual(['4']);
    // FAN-X for the MTO order: ordered 3, delivered 2, its stock 0 -> 1.
    const fanx = plan.plannedOrders.filter((o) => o.item === 'FAN-X');
    expect(fanx.map((o) => [o.trackingNo, o.qty])).toEqual([[mto.no, '1']]);
  });

  it('delivering the rest closes the orders; a closed order takes no more deliveries and is no demand', async () => {
    await receive('FAN', '4');
    await receive('FAN-X', '1', mto.no);
    const res = await deliver({
      customer: 'C1',
      date: '2026-12-02',
      lines: [
        { salesOrder: mts.no, line: 1, qty: '6', warehouse: 'FG' },
        { salesOrder: mts.no, line: 2, qty: '5' },
        { salesOrder: mto.no, line: 1, qty: '1', warehouse: 'FG' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.closedOrders).toEqual([mts.no, mto.no]);
    const closed = await order(mts.no);
    expect(closed.status).toBe('closed');
    expect(closed.lines.map((l) => l.delivered)).toEqual(['10', '5']);
    expect((await order(mto.no)).status).toBe('closed');

    const more = await deliver({
      customer: 'C1',
      lines: [{ salesOrder: mts.no, line: 1, qty: '1', warehouse: 'FG' }],
    });
    expect(more.status).toBe(409);
    expect(errorOf(more).code).toBe('salesOrder.invalidState');

    const plan = await runMrp();
    expect(plan.plannedOrders.filter((o) => ['FAN', 'FAN-X', 'LAMP'].includes(o.item))).toEqual([]);
    const left = await api.call<Deliverables>('GET', '/api/delivery-lines?customer=C1', {
      token: clerk,
    });
    expect(left.body.lines.filter((l) => [mts.no, mto.no].includes(l.salesOrder))).toEqual([]);
  });

  it('lists by customer, order and date; reads one; a rep sees only deliveries of own orders', async () => {
    const byOrder = await api.call<Page<Delivery>>('GET', `/api/deliveries?salesOrder=${mto.no}`, {
      token: clerk,
    });
    expect(byOrder.body.items.map((d) => d.date)).toEqual(['2026-12-02', '2026-12-01']);
    const byDate = await api.call<Page<Delivery>>(
      'GET',
      '/api/deliveries?from=2026-12-02&to=2026-12-31&customer=C1',
      { token: clerk },
    );
    expect(byDate.body.items).toHaveLength(1);
    const other = await api.call<Page<Delivery>>('GET', '/api/deliveries?customer=C2', {
      token: clerk,
    });
    expect(other.body.items).toEqual([]);
    const one = await api.call<Delivery>('GET', `/api/deliveries/${first.no}`, { token: sales });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(first);
    const mine = await api.call<Page<Delivery>>('GET', '/api/deliveries', { token: sales });
    expect(mine.body.items).toHaveLength(2);
    const backwards = await api.call('GET', '/api/deliveries?from=2026-12-31&to=2026-12-01', {
      token: clerk,
    });
    expect(backwards.status).toBe(400);
    expect(errorOf(backwards).issues!.map((i) => i.path.join('.'))).toEqual(['query.to']);
    const missing = await api.call('GET', '/api/deliveries/DL-NOPE', { token: clerk });
    expect(missing.status).toBe(404);
    const badQuery = await api.call('GET', '/api/deliveries?from=yesterday&limit=0', {
      token: clerk,
    });
    expect(badQuery.status).toBe(400);
    expect([...new Set(errorOf(badQuery).issues!.map((i) => i.path.join('.')))]).toEqual([
      'query.from',
      'query.limit',
    ]);
  });

  it('tells the rep who owns the order in WeCom, through the outbox', async () => {
    await api.runtime.outbox.idle();
    const delivered = await api.call<Page<OutboxEntry>>(
      'GET',
      '/api/outbox?status=delivered&limit=200',
      {
        token: admin,
      },
    );
    const notices = delivered.body.items.filter((e) => e.kind === 'shipmentNotice');
    expect(notices.map((e) => e.recipients)).toEqual([['zhangwei'], ['zhangwei']]);
    const texts = api.runtime
      .wecom!.sim.sentMessages(TENANT)
      .filter((m) => m.msgtype === 'text' && JSON.stringify(m.content).includes('【发货】'));
    expect(texts).toHaveLength(2);
    const content = JSON.stringify(texts.map((t) => t.content));
    expect(content).toContain(first.no);
    expect(content).toContain('落地扇');
    expect(content).toContain(`已全部发货，订单关闭：${mts.no}、${mto.no}`);
  });

  it('a customer return goes into inspection and lowers delivered; a closed order stays closed; never more than delivered', async () => {
    const over = await api.call('POST', '/api/customer-returns', {
      token: clerk,
      body: { delivery: first.no, lines: [{ line: 1, qty: '5' }] },
    });
    expect(over.status).toBe(409);
    expect(errorOf(over).code).toBe('delivery.overReturn');
    const res = await api.call<CustomerReturn>('POST', '/api/customer-returns', {
      token: clerk,
      body: { delivery: first.no, reason: '外壳破损', lines: [{ line: 1, qty: '3' }] },
    });
    expect(res.status).toBe(201);
    expect(res.body.lines).toEqual([
      expect.objectContaining({ item: 'FAN', qty: '3', warehouse: 'FG', status: 'inspection' }),
    ]);
    expect(await balanceQty(api, admin, 'FAN', 'FG', 'inspection')).toBe('3');
    const after = await order(mts.no);
    expect(after.lines[0]!.delivered).toBe('7');
    expect(after.status).toBe('closed');
    const stored = await api.call<Delivery>('GET', `/api/deliveries/${first.no}`, { token: clerk });
    expect(stored.body.lines[0]!.returned).toBe('3');
    const twice = await api.call('POST', '/api/customer-returns', {
      token: clerk,
      body: { delivery: first.no, lines: [{ line: 1, qty: '2' }] },
    });
    expect(twice.status).toBe(409);
    const read = await api.call<CustomerReturn>('GET', `/api/customer-returns/${res.body.no}`, {
      token: clerk,
    });
    expect(read.body).toEqual(res.body);

    // The rep's progress view lists the documents that shipped the line, with what came back.
    const progress = await api.call<SalesOrderProgress>(
      'GET',
      `/api/sales-orders/${mts.no}/progress`,
      { token: sales },
    );
    expect(progress.status).toBe(200);
    const line = progress.body.lines[0]!;
    expect(line.delivered).toBe('7');
    expect(line.deliveries[0]).toEqual({
      no: first.no,
      date: first.date,
      qty: first.lines[0]!.qty,
      returned: '3',
    });
    expect(line.deliveries.map((d) => d.returned)).toEqual(['3', '0']);
    expect(sumQty(line.deliveries.map((d) => subQty(d.qty, d.returned)))).toBe('7');
  });

  it('a return on an open order makes its quantity demand again (inspection stock does not cover it)', async () => {
    const open = await submittedOrder(
      api,
      sales,
      aSalesOrder({ lines: [{ item: 'LAMP', qty: '4', unitPrice: '30', dueDate: '2026-12-21' }] }),
    );
    await receive('LAMP', '4');
    const shipped = await deliver({
      customer: 'C1',
      lines: [{ salesOrder: open.no, line: 1, qty: '3' }],
    });
    expect(shipped.status).toBe(201);
    const back = await api.call('POST', '/api/customer-returns', {
      token: clerk,
      body: { delivery: shipped.body.no, lines: [{ line: 1, qty: '2' }] },
    });
    expect(back.status).toBe(201);
    expect((await order(open.no)).lines[0]!.delivered).toBe('1');
    const plan = await runMrp();
    // Open 3, free stock 1 (the 2 returned wait in inspection) -> 2 to buy.
    expect(plan.plannedOrders.filter((o) => o.item === 'LAMP').map((o) => o.qty)).toEqual(['2']);
  });

  it('shares a printable delivery note without login; a forged or expired link is 404', async () => {
    const shared = await api.call<DeliveryShare>('POST', `/api/deliveries/${first.no}/share`, {
      token: clerk,
      body: { days: 1 },
    });
    expect(shared.status).toBe(201);
    const page = await fetch(`${api.url}${shared.body.path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('发货单');
    expect(html).toContain('客户一');
    expect(html).toContain('落地扇');
    expect(html).toContain(mts.no);
    expect(html).toContain('第一批');
    const [payload, signature] = shared.body.token.split('.');
    const forged = await fetch(
      `${api.url}/share/deliveries/${payload}.${signature!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`,
    );
    expect(forged.status).toBe(404);
    const otherTenant = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        t: 'wwother',
      }),
    ).toString('base64url');
    expect((await fetch(`${api.url}/share/deliveries/${otherTenant}.${signature}`)).status).toBe(
      404,
    );
  });
});

describe('two deliveries of the same order at once', () => {
  it('one ships, the other is refused; delivered and stock count it once', async () => {
    const o = await submittedOrder(
      api,
      sales,
      aSalesOrder({ lines: [{ item: 'LAMP', qty: '2', unitPrice: '30', dueDate: '2026-12-22' }] }),
    );
    await receive('LAMP', '2');
    const before = await balanceQty(api, admin, 'LAMP', 'FG');
    const body = { customer: 'C1', lines: [{ salesOrder: o.no, line: 1, qty: '2' }] };
    const both = await Promise.all([deliver(body), deliver(body)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = both.find((r) => r.status === 409)!;
    expect(['salesOrder.invalidState', 'delivery.overDelivery', 'stock.insufficient']).toContain(
      errorOf(refused).code,
    );
    const after = await order(o.no);
    expect([after.status, after.lines[0]!.delivered]).toEqual(['closed', '2']);
    expect(await balanceQty(api, admin, 'LAMP', 'FG')).toBe(String(Number(before) - 2));
  });
});

describe('tenant isolation', () => {
  it("another tenant sees none of this tenant's deliveries or orders", async () => {
    const otherTenant = 'wwdlv99';
    await seedBasics(api, otherTenant);
    await seedSales(api, otherTenant);
    const other = await api.token('admin', otherTenant);
    const list = await api.call<Page<Delivery>>('GET', '/api/deliveries', { token: other });
    expect(list.body.items).toEqual([]);
    const mine = await api.call<Page<Delivery>>('GET', '/api/deliveries', { token: admin });
    const no = mine.body.items[0]!.no;
    expect((await api.call('GET', `/api/deliveries/${no}`, { token: other })).status).toBe(404);
    const res = await api.call('POST', '/api/deliveries', {
      token: other,
      body: {
        customer: 'C1',
        lines: [
          { salesOrder: mine.body.items[0]!.salesOrders[0], line: 1, qty: '1', warehouse: 'FG' },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).issues!.map((i) => i.path.join('.'))).toEqual(['body.lines.0.salesOrder']);
  });
});
