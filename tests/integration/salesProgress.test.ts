import type {
  Page,
  PurchaseOrder,
  SalesOrder,
  SalesOrderProgress,
  TaskOrder,
} from '@factory/shared';
import { getDeps, useApprovalNotifier } from '../../functions/src/deps.js';
import { getSigningKey } from '../../functions/src/auth/signingKey.js';
import { mintSessionToken } from '../../functions/src/auth/tokens.js';
import { userRepo } from '../../functions/src/store/userRepo.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { testClock } from '../testClock.js';
import { errorOf, startApi, type Api } from './harness.js';
import { recordingNotifier, seedUsers } from './salesHarness.js';
import { idem, importFactory, reportGood, shopfloorFile } from './shopfloorHarness.js';

/**
 * Sales orders grown up (issue 12, deliverable 3): VAT per line and 6-decimal prices to the
 * cent, due dates in the past refused, closing by hand, and the rep's progress view of an MTO
 * order through a task order (issued, reported), a production receipt and a tracked purchase
 * order, without any cost or price of them.
 */
const T = 'wwprog001';
let api: Api;
let rep: string;
let otherRep: string;
let planner: string;
let clerk: string;
let manager: string;
const cards = recordingNotifier();

const post = <R>(token: string, path: string, body: unknown) =>
  api.call<R>('POST', path, { token, body, headers: idem() });

beforeAll(async () => {
  api = await startApi();
  useApprovalNotifier(cards.notifier);
  const file = shopfloorFile();
  const base = file.items.find((i) => i.code === 'FAN')!;
  file.partners.push({ code: 'C1', name: '客户一', roles: ['customer'] });
  // A made-to-order product: one MOTOR issued by hand, two BOLT backflushed.
  file.items.push({ ...base, code: 'CUSTOM', name: '定制风扇', strategy: 'mto' });
  file.boms.push({
    parent: 'CUSTOM',
    version: 'V1',
    effectiveFrom: '2026-01-01',
    lines: [
      { component: 'MOTOR', qtyPer: '1', issueMethod: 'manual' },
      { component: 'BOLT', qtyPer: '2', issueMethod: 'backflush' },
    ],
  } as never);
  file.stock.push({ item: 'MOTOR', warehouse: 'RM', qty: '20' });
  await importFactory(api, T, file);
  await seedUsers(T);
  // A second sales rep, not among the demo users: a token minted as the login would.
  await userRepo(getDeps(), T).putIfAbsent({
    userid: 'lisi',
    name: '李四（销售）',
    roles: ['sales'],
    active: true,
  });
  const key = await getSigningKey(getDeps().config);
  otherRep = (
    await mintSessionToken(key, { tenant: T, user: 'lisi', roles: ['sales'] }, testClock().now())
  ).token;
  rep = await api.token('zhangwei', T);
  planner = await api.token('lina', T);
  clerk = await api.token('wangqiang', T);
  manager = await api.token('zhoujun', T);
});
afterEach(() => api.runtime.outbox.idle());
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

async function confirmedOrder(lines: Record<string, unknown>[]): Promise<SalesOrder> {
  const created = await post<SalesOrder>(rep, '/api/sales-orders', { customer: 'C1', lines });
  expect(created.status).toBe(201);
  const submitted = await post<SalesOrder>(rep, `/api/sales-orders/${created.body.no}/submit`, {});
  expect(submitted.body.status).toBe('confirmed');
  return submitted.body;
}

describe('sales orders grown up', () => {
  it('VAT per line and unit prices to 6 decimals, amounts and totals to the cent', async () => {
    const res = await post<SalesOrder>(rep, '/api/sales-orders', {
      customer: 'C1',
      lines: [
        // 7 × 123.456789 = 864.197523 -> 864.20; VAT 13% = 112.346 -> 112.35.
        { item: 'CUSTOM', qty: '7', unitPrice: '123.456789', dueDate: '2026-12-20' },
        // 1234 × 0.012345 = 15.23373 -> 15.23; VAT 6% = 0.9138 -> 0.91.
        { item: 'FAN', qty: '1234', unitPrice: '0.012345', vatRate: '0.06', dueDate: '2026-12-21' },
      ],
    });
    expect(res.status).toBe(201);
    const o = res.body;
    expect(o.lines.map((l) => [l.unitPrice, l.vatRate])).toEqual([
      ['123.456789', '0.13'],
      ['0.012345', '0.06'],
    ]);
    expect(o.lines.map((l) => [l.amount!.amount, l.tax!.amount, l.amountWithTax!.amount])).toEqual([
      [86420, 11235, 97655],
      [1523, 91, 1614],
    ]);
    expect([o.total.amount, o.tax!.amount, o.totalWithTax!.amount]).toEqual([87943, 11326, 99269]);
    // Read back as written.
    const read = await api.call<SalesOrder>('GET', `/api/sales-orders/${o.no}`, { token: rep });
    expect(read.body.totalWithTax).toEqual(o.totalWithTax);

    const bad = await post(rep, '/api/sales-orders', {
      customer: 'C1',
      lines: [
        { item: 'FAN', qty: '1', unitPrice: '1.2345678', vatRate: '13', dueDate: '2026-12-20' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.lines.0.unitPrice',
      'body.lines.0.vatRate',
    ]);
  });

  it('a due date before the business day is refused on entry and on edit (submit checks the stored lines the same way); nothing is written', async () => {
    const before = await api.call<Page<SalesOrder>>('GET', '/api/sales-orders?limit=200', {
      token: rep,
    });
    const past = await post(rep, '/api/sales-orders', {
      customer: 'C1',
      lines: [
        { item: 'FAN', qty: '1', unitPrice: '10', dueDate: '2026-12-01' },
        { item: 'FAN', qty: '1', unitPrice: '10', dueDate: '2026-11-30' },
      ],
    });
    expect(past.status).toBe(400);
    expect(errorOf(past).issues).toEqual([
      {
        path: ['body', 'lines', 1, 'dueDate'],
        message: '交货日期 2026-11-30 早于今天（2026-12-01），请选择今天或以后的日期',
      },
    ]);
    const after = await api.call<Page<SalesOrder>>('GET', '/api/sales-orders?limit=200', {
      token: rep,
    });
    expect(after.body.items.length).toBe(before.body.items.length);

    const draft = await post<SalesOrder>(rep, '/api/sales-orders', {
      customer: 'C1',
      lines: [{ item: 'FAN', qty: '1', unitPrice: '10', dueDate: '2026-12-02' }],
    });
    const edit = await api.call('PATCH', `/api/sales-orders/${draft.body.no}`, {
      token: rep,
      body: {
        expectedVersion: 1,
        lines: [{ item: 'FAN', qty: '1', unitPrice: '10', dueDate: '2026-11-01' }],
      },
    });
    expect(edit.status).toBe(400);
    expect(errorOf(edit).issues!.map((i) => i.path.join('.'))).toEqual(['body.lines.0.dueDate']);
  });

  it('closes a confirmed order by hand with a reason: no longer MRP demand; refused without a reason, for others and for drafts', async () => {
    const o = await confirmedOrder([
      { item: 'FAN', qty: '40', unitPrice: '100', dueDate: '2026-12-18' },
    ]);
    const demand = async () =>
      (await loadPlanningInput(getDeps(), T, '2026-12-01', 60)).salesOrders.filter(
        (d) => d.no === o.no,
      );
    expect(await demand()).toHaveLength(1);

    const noReason = await post(rep, `/api/sales-orders/${o.no}/close`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(errorOf(noReason).issues!.map((i) => i.path.join('.'))).toEqual(['body.reason']);
    const notHis = await post(otherRep, `/api/sales-orders/${o.no}/close`, { reason: '取消' });
    expect(notHis.status).toBe(404);
    const warehouse = await post(clerk, `/api/sales-orders/${o.no}/close`, { reason: '取消' });
    expect(warehouse.status).toBe(403);

    const closed = await post<SalesOrder>(rep, `/api/sales-orders/${o.no}/close`, {
      expectedVersion: o.version,
      reason: '客户取消剩余数量',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closeReason: '客户取消剩余数量',
      closedBy: 'zhangwei',
      version: o.version + 1,
    });
    expect(await demand()).toEqual([]);
    const again = await post(rep, `/api/sales-orders/${o.no}/close`, { reason: '再次' });
    expect([again.status, errorOf(again).code]).toEqual([409, 'salesOrder.invalidState']);
    const listed = await api.call<Page<SalesOrder>>('GET', '/api/sales-orders?status=closed', {
      token: rep,
    });
    expect(listed.body.items.map((x) => x.no)).toContain(o.no);

    const draft = await post<SalesOrder>(rep, '/api/sales-orders', {
      customer: 'C1',
      lines: [{ item: 'FAN', qty: '1', unitPrice: '10', dueDate: '2026-12-20' }],
    });
    const early = await post(rep, `/api/sales-orders/${draft.body.no}/close`, { reason: '取消' });
    expect([early.status, errorOf(early).code]).toEqual([409, 'salesOrder.invalidState']);
  });
});

describe("the rep's progress view", () => {
  let order: SalesOrder;
  let mto: TaskOrder;
  let mts: TaskOrder;
  let po: PurchaseOrder;

  beforeAll(async () => {
    order = await confirmedOrder([
      { item: 'CUSTOM', qty: '5', unitPrice: '880.5', dueDate: '2026-12-15' },
      { item: 'FAN', qty: '8', unitPrice: '199.9', dueDate: '2026-12-16' },
    ]);
    const made = await post<{ orders: TaskOrder[] }>(planner, '/api/task-orders/from-sales', {
      lines: [
        { salesOrder: order.no, line: 1 },
        { salesOrder: order.no, line: 2 },
      ],
    });
    expect(made.status).toBe(201);
    [mto, mts] = made.body.orders as [TaskOrder, TaskOrder];
    expect(mto.trackingNo).toBe(order.no);
    // Materials: 2 of the 5 motors issued; 3 good reported; 2 received into stock.
    const issued = await post(clerk, `/api/task-orders/${mto.no}/issues`, {
      date: '2026-12-02',
      lines: [{ item: 'MOTOR', qty: '2' }],
    });
    expect(issued.status).toBe(201);
    await reportGood(api, T, mto.no, '3');
    const receipt = await post(clerk, '/api/production-receipts', {
      taskOrder: mto.no,
      date: '2026-12-05',
      qty: '2',
    });
    expect(receipt.status).toBe(201);
    // A purchase order line bought for this order (tracked), and one for the pool.
    const created = await post<PurchaseOrder>(planner, '/api/purchase-orders', {
      supplier: 'S1',
      lines: [
        {
          item: 'MOTOR',
          qty: '3',
          unitPrice: '56.789',
          dueDate: '2026-12-09',
          trackingNo: order.no,
        },
        { item: 'MOTOR', qty: '9', unitPrice: '56.789', dueDate: '2026-12-11' },
      ],
    });
    expect(created.status).toBe(201);
    const submitted = await post<PurchaseOrder>(
      planner,
      `/api/purchase-orders/${created.body.no}/submit`,
      {},
    );
    expect(submitted.body.status).toBe('open');
    po = submitted.body;
  });

  const progress = (token: string, no = order.no) =>
    api.call<SalesOrderProgress>('GET', `/api/sales-orders/${no}/progress`, { token });

  it('shows an MTO line through its task order (issued, reported, received), its stock and its tracked purchase order', async () => {
    const res = await progress(rep);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      no: order.no,
      customer: 'C1',
      customerName: '客户一',
      status: 'confirmed',
      asOf: '2026-12-01',
    });
    const [custom] = res.body.lines;
    expect(custom).toMatchObject({
      line: 1,
      item: 'CUSTOM',
      itemName: '定制风扇',
      unit: 'pcs',
      strategy: 'mto',
      trackingNo: order.no,
      qty: '5',
      delivered: '0',
      open: '5',
      dueDate: '2026-12-15',
      stock: { scope: 'tracking', available: '2', inspection: '0' },
      deliveries: [],
    });
    expect(custom!.taskOrders).toEqual([
      {
        no: mto.no,
        item: 'CUSTOM',
        itemName: '定制风扇',
        unit: 'pcs',
        qty: '5',
        status: 'inProgress',
        startDate: mto.startDate,
        dueDate: mto.dueDate,
        issuedPercent: 40,
        reported: '3',
        scrap: '0',
        received: '2',
        servesBy: 'tracking',
      },
    ]);
    expect(custom!.purchaseOrders).toEqual([
      {
        no: po.no,
        line: 1,
        supplier: 'S1',
        supplierName: '供应商一',
        item: 'MOTOR',
        itemName: '物料MOTOR',
        unit: 'pcs',
        qty: '3',
        received: '0',
        dueDate: '2026-12-09',
        closed: false,
      },
    ]);
    // The later of the task order's and the purchase line's due dates.
    expect(custom!.expectedCompletion).toBe([mto.dueDate, '2026-12-09'].sort().at(-1));
  });

  it('shows an MTS line the task order made from it and the free pool, nothing pegged by MRP', async () => {
    const res = await progress(rep);
    const fan = res.body.lines[1]!;
    expect(fan).toMatchObject({
      item: 'FAN',
      strategy: 'mts',
      stock: { scope: 'pool', available: '0', inspection: '0' },
      purchaseOrders: [],
    });
    expect(fan.trackingNo).toBeUndefined();
    // MO-1 (FAN, imported, made for no order) is not this line's.
    expect(fan.taskOrders.map((t) => [t.no, t.servesBy, t.issuedPercent])).toEqual([
      [mts.no, 'salesOrder', 0],
    ]);
  });

  it('carries no cost, price or amount of anything', async () => {
    const res = await progress(manager);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const word of ['price', 'amount', 'cost', 'tax', 'total', 'value'])
      expect(text.toLowerCase()).not.toContain(word);
    expect(text).not.toContain('56.789');
    expect(text).not.toContain('880.5');
  });

  it("another rep gets 404 (the order does not exist for them); task orders stay 403 for reps; a closed order's rest is not open", async () => {
    const other = await progress(otherRep);
    expect([other.status, errorOf(other).code]).toEqual([404, 'resource.notFound']);
    const unknown = await progress(rep, 'SO-NOPE');
    expect(unknown.status).toBe(404);
    const bad = await progress(rep, 'a b');
    expect(bad.status).toBe(400);
    const tasks = await api.call('GET', '/api/task-orders', { token: rep });
    expect(tasks.status).toBe(403);
    // The planner and the manager read any order's view.
    expect((await progress(planner)).status).toBe(200);

    await post(rep, `/api/sales-orders/${order.no}/close`, { reason: '客户只要已完成的数量' });
    const closed = await progress(rep);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.lines.map((l) => l.open)).toEqual(['0', '0']);
  });
});
