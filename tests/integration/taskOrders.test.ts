import type {
  Approval,
  FactoryFile,
  PickList,
  PickResult,
  StockDocument,
  Supplementary,
  SupplementaryList,
  TaskOrder,
} from '@factory/shared';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getDeps, useApprovalNotifier } from '../../functions/src/deps.js';
import { keys } from '../../functions/src/store/keys.js';
import { importRepo } from '../../functions/src/store/importRepo.js';
import { stockRepo } from '../../functions/src/store/stockRepo.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { approvedBom, createItems } from './bomHarness.js';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { balanceQty, expectLedgerBalances } from './ledger.js';
import { recordingNotifier, seedUsers } from './salesHarness.js';

const TENANT = 'wwtest01';
let api: Api;
let planner: string;
let clerk: string;
let clerk2: string;
let supervisor: string;
const cards = recordingNotifier();

const need = (o: TaskOrder, item: string) => o.needs.find((n) => n.item === item)!;

async function receive(lines: { item: string; qty: string; warehouse?: string }[]) {
  const res = await api.call('POST', '/api/stock/receipts', {
    token: clerk,
    body: {
      date: '2026-11-25',
      reason: 'purchase',
      lines: lines.map((l) => ({ warehouse: 'RM', ...l })),
    },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
}

async function newOrder(item: string, qty: string, extra: Record<string, unknown> = {}) {
  const res = await api.call<TaskOrder>('POST', '/api/task-orders', {
    token: planner,
    body: { item, qty, startDate: '2026-12-01', dueDate: '2026-12-10', ...extra },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body;
}

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  await seedUsers(TENANT);
  useApprovalNotifier(cards.notifier);
  planner = await api.token('lina');
  clerk = await api.token('wangqiang');
  clerk2 = await api.token('admin');
  supervisor = await api.token('liuyang');
  const engineer = await api.token('wuhao');
  const admin = await api.token('admin');
  const rm = { source: 'purchased', defaultWarehouse: 'RM' };
  await createItems(api, admin, {
    P: {},
    'PH-OUT': { source: 'phantom' },
    'PH-IN': { source: 'phantom' },
    A: rm,
    B: rm,
    C: rm,
    K: {},
    KA: rm,
    KB: rm,
    M: {},
    MA: rm,
    MB: rm,
    L: {},
    LAST: rm,
  });
  await approvedBom(api, engineer, 'PH-IN', [{ component: 'C', qtyPer: '5' }]);
  await approvedBom(api, engineer, 'PH-OUT', [
    { component: 'B', qtyPer: '3' },
    { component: 'PH-IN', qtyPer: '2' },
  ]);
  await approvedBom(api, engineer, 'P', [
    { component: 'A', qtyPer: '2' },
    { component: 'PH-OUT', qtyPer: '2' },
    { component: 'STEEL', qtyPer: '0.5', lossRate: '0.1', warehouse: 'RM' } as never,
  ]);
  await approvedBom(api, engineer, 'K', [
    { component: 'KA', qtyPer: '2' },
    { component: 'KB', qtyPer: '3' },
  ]);
  await approvedBom(api, engineer, 'M', [
    { component: 'MA', qtyPer: '1' },
    { component: 'MB', qtyPer: '2' },
  ]);
  await approvedBom(api, engineer, 'L', [{ component: 'LAST', qtyPer: '5' }]);
});
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

describe('task orders', () => {
  it('copies needs from the default BOM with phantoms expanded through both levels', async () => {
    const order = await newOrder('P', '10');
    expect(order.status).toBe('released');
    expect(order.bomVersion).toBe('V1');
    expect(order.needs).toEqual([
      expect.objectContaining({ item: 'A', qtyPer: '2', required: '20', warehouse: 'RM' }),
      expect.objectContaining({ item: 'B', qtyPer: '6', required: '60', phantomPath: ['PH-OUT'] }),
      expect.objectContaining({
        item: 'C',
        qtyPer: '20',
        required: '200',
        phantomPath: ['PH-OUT', 'PH-IN'],
      }),
      expect.objectContaining({ item: 'STEEL', qtyPer: '0.5', lossRate: '0.1', required: '5.5' }),
    ]);
  });

  it('lists by priority then due date, filters by state, and validates transitions', async () => {
    const late = await newOrder('K', '1', {
      priority: 1,
      dueDate: '2026-12-30',
      status: 'planned',
    });
    const list = await api.call<{ items: TaskOrder[] }>('GET', '/api/task-orders?limit=200', {
      token: clerk,
    });
    expect(list.status).toBe(200);
    expect(list.body.items[0]!.no).toBe(late.no);
    const planned = await api.call<{ items: TaskOrder[] }>(
      'GET',
      '/api/task-orders?status=planned',
      {
        token: clerk,
      },
    );
    expect(planned.body.items.map((o) => o.no)).toEqual([late.no]);

    const issueWhilePlanned = await api.call('POST', `/api/task-orders/${late.no}/issues`, {
      token: clerk,
      body: { date: '2026-12-01', sets: '1' },
    });
    expect(issueWhilePlanned.status).toBe(409);
    expect(errorOf(issueWhilePlanned).code).toBe('taskOrder.invalidState');

    const released = await api.call<TaskOrder>('POST', `/api/task-orders/${late.no}/state`, {
      token: planner,
      body: { to: 'released' },
    });
    expect(released.body.status).toBe('released');
    const again = await api.call('POST', `/api/task-orders/${late.no}/state`, {
      token: planner,
      body: { to: 'released' },
    });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('taskOrder.invalidState');
    const closed = await api.call<TaskOrder>('POST', `/api/task-orders/${late.no}/state`, {
      token: planner,
      body: { to: 'closed' },
    });
    expect(closed.body.status).toBe('closed');
  });
  it('pages the index: open orders by priority, then done ones; old records are placed once', async () => {
    // A record written before the index knew states: its index key is its plain number.
    const { pk, sk, gsi1pk } = keys.order(TENANT, 'taskOrder', 'MO-OLD-1');
    await getDeps().db.send(
      new PutCommand({
        TableName: getDeps().tableName,
        Item: {
          pk,
          sk,
          gsi1pk,
          gsi1sk: 'MO-OLD-1',
          type: 'taskOrder',
          no: 'MO-OLD-1',
          item: 'K',
          qty: '2',
          startDate: '2026-11-01',
          dueDate: '2026-11-05',
          status: 'open',
          priority: 1,
        },
      }),
    );
    const done = await newOrder('K', '1', { priority: 1 });
    const closed = await api.call<TaskOrder>('POST', `/api/task-orders/${done.no}/state`, {
      token: planner,
      body: { to: 'closed' },
    });
    expect(closed.status).toBe(200);

    // Page by page, one order each: every order once, open ones first by priority.
    const seen: TaskOrder[] = [];
    let cursor: string | null | undefined;
    do {
      const res: { status: number; body: { items: TaskOrder[]; nextCursor: string | null } } =
        await api.call('GET', `/api/task-orders?limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
          token: clerk,
        });
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    const nos = seen.map((o) => o.no);
    expect(new Set(nos).size).toBe(nos.length);
    expect(nos).toContain('MO-OLD-1');
    const firstDone = seen.findIndex((o) => o.status === 'closed' || o.status === 'completed');
    expect(seen.slice(firstDone).every((o) => ['closed', 'completed'].includes(o.status))).toBe(
      true,
    );
    expect(nos.indexOf(done.no)).toBeGreaterThanOrEqual(firstDone);
    const open = seen.slice(0, firstDone);
    expect(open.map((o) => o.priority)).toEqual(open.map((o) => o.priority).sort((a, b) => a - b));
    expect(nos.indexOf('MO-OLD-1')).toBeLessThan(firstDone);
    // The old record now carries its place.
    const placed = await getDeps().db.send(
      new GetCommand({ TableName: getDeps().tableName, Key: { pk, sk } }),
    );
    expect(placed.Item?.gsi1sk).toBe('!O#001#2026-11-05#MO-OLD-1');

    const closedOnly = await api.call<{ items: TaskOrder[] }>(
      'GET',
      '/api/task-orders?status=closed',
      { token: clerk },
    );
    expect(closedOnly.body.items.map((o) => o.no)).toContain(done.no);
    expect(closedOnly.body.items.every((o) => o.status === 'closed')).toBe(true);
    const bad = await api.call('GET', '/api/task-orders?cursor=bm90LWpzb24', { token: clerk });
    expect(bad.status).toBe(400);
  });

  it('gives an imported task order its needs on first read, keeping what it had issued', async () => {
    const repo = importRepo(getDeps(), TENANT);
    const file = {
      taskOrders: [
        {
          no: 'IMP-MO-1',
          item: 'K',
          qty: '2',
          received: '0',
          startDate: '2026-12-01',
          dueDate: '2026-12-05',
          issued: [{ item: 'KA', qty: '1' }],
        },
      ],
    } as unknown as FactoryFile;
    await repo.writeAll(
      repo.orders(file, { importId: 'imp-1', at: '2026-11-25T00:00:00Z', by: 'admin' }),
    );
    const got = await api.call<TaskOrder>('GET', '/api/task-orders/IMP-MO-1', { token: clerk });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ status: 'released', origin: 'import', bomVersion: 'V1' });
    expect(got.body.needs.map((n) => [n.item, n.required, n.issued])).toEqual([
      ['KA', '4', '1'],
      ['KB', '6', '0'],
    ]);
    expect(got.body.issued).toEqual([{ item: 'KA', qty: '1' }]);
  });

  it('two first reads of an imported order at once both get its needs', async () => {
    const repo = importRepo(getDeps(), TENANT);
    const file = {
      taskOrders: [
        { no: 'IMP-MO-2', item: 'K', qty: '1', startDate: '2026-12-01', dueDate: '2026-12-05' },
      ],
    } as unknown as FactoryFile;
    await repo.writeAll(
      repo.orders(file, { importId: 'imp-2', at: '2026-11-25T00:00:00Z', by: 'admin' }),
    );
    const [order, list] = await Promise.all([
      api.call<TaskOrder>('GET', '/api/task-orders/IMP-MO-2', { token: clerk }),
      api.call<PickList>('GET', '/api/picking/pick-list?orders=IMP-MO-2', { token: clerk }),
    ]);
    expect([order.status, list.status]).toEqual([200, 200]);
    expect(order.body.needs.map((n) => [n.item, n.required])).toEqual([
      ['KA', '2'],
      ['KB', '3'],
    ]);
    expect(list.body.lines.map((l) => [l.item, l.qty])).toEqual([
      ['KA', '2'],
      ['KB', '3'],
    ]);
  });
});

describe('picking', () => {
  it('standard pick: part, then the rest; more is refused; MRP sees the issued quantities', async () => {
    await receive([
      { item: 'A', qty: '100' },
      { item: 'B', qty: '1000' },
      { item: 'C', qty: '1000' },
      { item: 'STEEL', qty: '100' },
    ]);
    const order = await newOrder('P', '10');
    const part = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      headers: { 'idempotency-key': `std-part-${order.no}` },
      body: { date: '2026-12-01', lines: [{ item: 'A', qty: '5' }] },
    });
    expect(part.status).toBe(201);
    expect(need(part.body.orders[0]!, 'A').issued).toBe('5');
    expect(part.body.orders[0]!.status).toBe('inProgress');

    // MRP and shortage take the order's copied needs less what it was issued.
    const mid = await loadPlanningInput(getDeps(), TENANT, '2026-11-25', 60);
    expect(mid.workOrders.find((w) => w.no === order.no)!.needs).toEqual([
      { item: 'A', qty: '15' },
      { item: 'B', qty: '60' },
      { item: 'C', qty: '200' },
      { item: 'STEEL', qty: '5.5' },
    ]);

    const list = await api.call<PickList>('GET', `/api/picking/pick-list?orders=${order.no}`, {
      token: clerk,
    });
    expect(list.body.lines.find((l) => l.item === 'A')).toMatchObject({
      qty: '15',
      available: '95',
      shares: [{ order: order.no, qty: '15' }],
    });

    const rest = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      body: { date: '2026-12-01' },
    });
    expect(rest.status).toBe(201);
    const after = rest.body.orders[0]!;
    expect(after.needs.map((n) => n.issued)).toEqual(['20', '60', '200', '5.5']);
    expect(await balanceQty(api, clerk, 'A', 'RM')).toBe('80');

    const over = await api.call('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      body: { date: '2026-12-01', lines: [{ item: 'A', qty: '1' }] },
    });
    expect(over.status).toBe(422);
    expect(errorOf(over).code).toBe('issue.overIssue');

    const input = await loadPlanningInput(getDeps(), TENANT, '2026-11-25', 60);
    const seen = input.workOrders.find((w) => w.no === order.no)!;
    expect(seen.needs).toEqual([]);
    expect(seen.issued).toEqual(
      expect.arrayContaining([
        { item: 'A', qty: '20' },
        { item: 'STEEL', qty: '5.5' },
      ]),
    );
    await expectLedgerBalances(api, clerk, 'A');
  });

  it('skip-level: the components of a phantom inside a phantom, quantities multiplied', async () => {
    const order = await newOrder('P', '3');
    const inner = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      body: { date: '2026-12-01', phantom: 'PH-IN' },
    });
    expect(inner.status).toBe(201);
    expect(inner.body.orders[0]!.issued).toEqual([{ item: 'C', qty: '60' }]); // 3 x 2 x 2 x 5
    const outer = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      body: { date: '2026-12-01', phantom: 'PH-OUT' },
    });
    expect(outer.body.orders[0]!.issued).toEqual(
      expect.arrayContaining([
        { item: 'B', qty: '18' },
        { item: 'C', qty: '60' },
      ]),
    );
    expect(outer.body.orders[0]!.issued).toHaveLength(2);
  });

  it('kit issue is refused above the sets stock allows, with the maximum offered', async () => {
    await receive([
      { item: 'KA', qty: '13' },
      { item: 'KB', qty: '100' },
    ]);
    const order = await newOrder('K', '10');
    const preview = await api.call<PickList>('GET', `/api/picking/pick-list?orders=${order.no}`, {
      token: clerk,
    });
    expect(preview.body.kit).toMatchObject({ maxSets: '6', remainingSets: '10' });

    const tooMany = await api.call('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      body: { date: '2026-12-01', sets: '7' },
    });
    expect(tooMany.status).toBe(409);
    expect(errorOf(tooMany)).toMatchObject({
      code: 'issue.kitExceedsStock',
      details: { maxSets: '6', requested: '7' },
    });

    const kit = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      body: { date: '2026-12-01', sets: '6' },
    });
    expect(kit.status).toBe(201);
    expect(kit.body.orders[0]!.issued).toEqual([
      { item: 'KA', qty: '12' },
      { item: 'KB', qty: '18' },
    ]);
    expect(await balanceQty(api, clerk, 'KA', 'RM')).toBe('1');

    // Returns: never more than was issued.
    const over = await api.call('POST', `/api/task-orders/${order.no}/returns`, {
      token: clerk,
      body: { date: '2026-12-02', lines: [{ item: 'KA', qty: '13' }] },
    });
    expect(over.status).toBe(422);
    expect(errorOf(over).code).toBe('issue.overReturn');
    const back = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/returns`, {
      token: clerk,
      body: { date: '2026-12-02', lines: [{ item: 'KA', qty: '2' }] },
    });
    expect(back.status).toBe(201);
    expect(need(back.body.orders[0]!, 'KA').issued).toBe('10');
    expect(await balanceQty(api, clerk, 'KA', 'RM')).toBe('3');
    await expectLedgerBalances(api, clerk, 'KA');

    // Supplementary issue beyond the need: approved by the supervisor, then posted.
    const requested = await api.call<Supplementary>(
      'POST',
      `/api/task-orders/${order.no}/supplementary`,
      {
        token: clerk,
        body: { date: '2026-12-02', reason: '加工报废 1 件', lines: [{ item: 'KB', qty: '5' }] },
      },
    );
    expect(requested.status).toBe(201);
    expect(requested.body.status).toBe('pending');
    expect(await balanceQty(api, clerk, 'KB', 'RM')).toBe('82');
    const approved = await api.call('POST', `/api/approvals/${requested.body.approvalId}/approve`, {
      token: supervisor,
      body: {},
    });
    expect(approved.status).toBe(200);
    const approval = await api.call<Approval>(
      'GET',
      `/api/approvals/${requested.body.approvalId}`,
      { token: supervisor },
    );
    expect(approval.body).toMatchObject({ docType: 'supplementaryIssue', status: 'approved' });
    expect(await balanceQty(api, clerk, 'KB', 'RM')).toBe('77');
    const got = await api.call<TaskOrder>('GET', `/api/task-orders/${order.no}`, { token: clerk });
    expect(need(got.body, 'KB').issued).toBe('23');

    // A rejected supplementary issue posts nothing.
    const second = await api.call<Supplementary>(
      'POST',
      `/api/task-orders/${order.no}/supplementary`,
      {
        token: clerk,
        body: { date: '2026-12-02', reason: '再补 5 件', lines: [{ item: 'KB', qty: '5' }] },
      },
    );
    const rejected = await api.call('POST', `/api/approvals/${second.body.approvalId}/reject`, {
      token: supervisor,
      body: { comment: '原因不充分' },
    });
    expect(rejected.status).toBe(200);
    expect(await balanceQty(api, clerk, 'KB', 'RM')).toBe('77');
    await expectLedgerBalances(api, clerk, 'KB');

    // The order's requests read back, newest first, each with where it ended.
    const list = await api.call<SupplementaryList>(
      'GET',
      `/api/task-orders/${order.no}/supplementary`,
      { token: clerk },
    );
    expect(list.status).toBe(200);
    expect(list.body.order).toBe(order.no);
    expect(list.body.items.map((r) => [r.reason, r.status])).toEqual([
      ['再补 5 件', 'rejected'],
      [expect.any(String), 'posted'],
    ]);
    expect(list.body.items[1]!.stockDocument).toMatch(/^IS-/);
    const unknown = await api.call('GET', '/api/task-orders/MO-NONE/supplementary', {
      token: clerk,
    });
    expect(unknown.status).toBe(404);
  });

  it('merged picking over 3 orders sums each item and posts each share to its order', async () => {
    await receive([
      { item: 'MA', qty: '50' },
      { item: 'MB', qty: '50' },
    ]);
    const orders = [await newOrder('M', '3'), await newOrder('M', '4'), await newOrder('M', '5')];
    const nos = orders.map((o) => o.no);
    const preview = await api.call<PickList>(
      'GET',
      `/api/picking/pick-list?orders=${nos.join(',')}`,
      { token: clerk },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.kit).toBeUndefined();
    expect(preview.body.lines).toEqual([
      {
        item: 'MA',
        warehouse: 'RM',
        qty: '12',
        available: '50',
        shares: nos.map((order, i) => ({ order, qty: String(i + 3) })),
      },
      {
        item: 'MB',
        warehouse: 'RM',
        qty: '24',
        available: '50',
        shares: nos.map((order, i) => ({ order, qty: String(2 * (i + 3)) })),
      },
    ]);
    const posted = await api.call<PickResult>('POST', '/api/picking/merged', {
      token: clerk,
      body: { orders: nos, date: '2026-12-01' },
    });
    expect(posted.status).toBe(201);
    expect(posted.body.documents).toHaveLength(1);
    // Each ledger line names the order it was issued for (direct material per order).
    const doc = await api.call<StockDocument>(
      'GET',
      `/api/stock/documents/${posted.body.documents[0]}`,
      { token: clerk },
    );
    expect(doc.body.moves.map((m) => [m.taskOrder, m.item, m.qty])).toEqual(
      nos.flatMap((no, i) => [
        [no, 'MA', String(-(i + 3))],
        [no, 'MB', String(-2 * (i + 3))],
      ]),
    );
    for (const [i, no] of nos.entries()) {
      const o = await api.call<TaskOrder>('GET', `/api/task-orders/${no}`, { token: clerk });
      expect(o.body.issued).toEqual([
        { item: 'MA', qty: String(i + 3) },
        { item: 'MB', qty: String(2 * (i + 3)) },
      ]);
    }
    expect(await balanceQty(api, clerk, 'MA', 'RM')).toBe('38');
    expect(await balanceQty(api, clerk, 'MB', 'RM')).toBe('26');
    await expectLedgerBalances(api, clerk, 'MB');
  });

  it('a partial merged pick serves the orders by priority and leaves the rest open', async () => {
    const low = await newOrder('M', '3', { priority: 5 });
    const urgent = await newOrder('M', '4', { priority: 1 });
    const middle = await newOrder('M', '5', { priority: 3 });
    const nos = [low.no, urgent.no, middle.no];
    const preview = await api.call<PickList>(
      'GET',
      `/api/picking/pick-list?orders=${nos.join(',')}`,
      { token: clerk },
    );
    // Shares are listed by priority, the order a partial pick fills them in.
    expect(preview.body.lines[0]!.shares.map((x) => x.order)).toEqual([
      urgent.no,
      middle.no,
      low.no,
    ]);
    const before = await balanceQty(api, clerk, 'MA', 'RM');

    const over = await api.call('POST', '/api/picking/merged', {
      token: clerk,
      body: {
        orders: nos,
        date: '2026-12-01',
        lines: [{ item: 'MA', warehouse: 'RM', qty: '13' }],
      },
    });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ error: { code: 'issue.overIssue' } });
    const unknown = await api.call('POST', '/api/picking/merged', {
      token: clerk,
      body: { orders: nos, date: '2026-12-01', lines: [{ item: 'MX', warehouse: 'RM', qty: '1' }] },
    });
    expect(unknown.status).toBe(400);
    expect(await balanceQty(api, clerk, 'MA', 'RM')).toBe(before);

    const posted = await api.call<PickResult>('POST', '/api/picking/merged', {
      token: clerk,
      body: { orders: nos, date: '2026-12-01', lines: [{ item: 'MA', warehouse: 'RM', qty: '5' }] },
    });
    expect(posted.status).toBe(201);
    const issuedOf = async (no: string) =>
      (await api.call<TaskOrder>('GET', `/api/task-orders/${no}`, { token: clerk })).body.issued;
    expect(await issuedOf(urgent.no)).toEqual([{ item: 'MA', qty: '4' }]);
    expect(await issuedOf(middle.no)).toEqual([{ item: 'MA', qty: '1' }]);
    expect(await issuedOf(low.no)).toEqual([]);
    expect(await balanceQty(api, clerk, 'MA', 'RM')).toBe(String(Number(before) - 5));

    // What is left stays on the merged list.
    const after = await api.call<PickList>(
      'GET',
      `/api/picking/pick-list?orders=${nos.join(',')}`,
      { token: clerk },
    );
    expect(after.body.lines.map((l) => [l.item, l.qty])).toEqual([
      ['MA', '7'],
      ['MB', '24'],
    ]);
    await expectLedgerBalances(api, clerk, 'MA');
  });

  // Also with the store refusing overlapping transactions as DynamoDB does: the loser of a
  // TransactionConflict runs again from fresh reads and then meets the shortage.
  it.each([
    { mode: 'one at a time', conflicts: false },
    { mode: 'with TransactionConflict', conflicts: true },
  ])(
    'two clerks issuing the last units at once ($mode): one wins, the other gets 409 stock.insufficient',
    async ({ conflicts }) => {
      const before = api.runtime.store.stats().transactionConflicts;
      api.runtime.store.setTransactionConflicts(conflicts && { windowMs: 10 });
      try {
        await twoClerks(conflicts ? 'c' : 'o');
      } finally {
        api.runtime.store.setTransactionConflicts(false);
      }
      // The clerks' transactions did collide; neither clerk was told.
      if (conflicts) expect(api.runtime.store.stats().transactionConflicts).toBeGreaterThan(before);
    },
  );

  async function twoClerks(run: string) {
    await receive([{ item: 'LAST', qty: '5' }]);
    const [o1, o2] = [await newOrder('L', '1'), await newOrder('L', '1')];
    const take = (token: string, no: string, key: string) =>
      api.call('POST', `/api/task-orders/${no}/issues`, {
        token,
        headers: { 'idempotency-key': key },
        body: { date: '2026-12-01' },
      });
    const [a, b] = await Promise.all([
      take(clerk, o1.no, `last-a-key1-${run}`),
      take(clerk2, o2.no, `last-b-key1-${run}`),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(errorOf(a.status === 409 ? a : b).code).toBe('stock.insufficient');
    expect(await balanceQty(api, clerk, 'LAST', 'RM')).toBe('0');

    // The same order, two clerks each taking half of its need while only half is in stock.
    await receive([{ item: 'LAST', qty: '5' }]);
    const o3 = await newOrder('L', '2');
    const half = (token: string, key: string) =>
      api.call('POST', `/api/task-orders/${o3.no}/issues`, {
        token,
        headers: { 'idempotency-key': key },
        body: { date: '2026-12-01', lines: [{ item: 'LAST', qty: '5' }] },
      });
    const [c, d] = await Promise.all([
      half(clerk, `half-c-key1-${run}`),
      half(clerk2, `half-d-key1-${run}`),
    ]);
    expect([c.status, d.status].sort()).toEqual([201, 409]);
    expect(errorOf(c.status === 409 ? c : d).code).toBe('stock.insufficient');
    const got = await api.call<TaskOrder>('GET', `/api/task-orders/${o3.no}`, { token: clerk });
    expect(need(got.body, 'LAST').issued).toBe('5');

    // A retry with the winner's key replays its result and posts nothing more.
    const replay = await half(
      c.status === 201 ? clerk : clerk2,
      c.status === 201 ? `half-c-key1-${run}` : `half-d-key1-${run}`,
    );
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect(await balanceQty(api, clerk, 'LAST', 'RM')).toBe('0');
    await expectLedgerBalances(api, clerk, 'LAST');
  }
});

describe('picks larger than one transaction', () => {
  // 60 hand-issued components: a pick of all of them is 1 document + 60 balances + 60 moves +
  // the order update, well over DynamoDB's 100 items per transaction.
  const PARTS = Array.from({ length: 60 }, (_, i) => `W60-P${String(i + 1).padStart(2, '0')}`);

  beforeAll(async () => {
    const rm = { source: 'purchased', defaultWarehouse: 'RM' };
    const [admin, engineer] = [await api.token('admin'), await api.token('wuhao')];
    await createItems(api, admin, {
      W60: {},
      ...Object.fromEntries(PARTS.map((p) => [p, rm])),
    });
    await approvedBom(
      api,
      engineer,
      'W60',
      PARTS.map((component) => ({ component, qtyPer: '2' })),
    );
    // Enough for 5 sets of every part but the last: enough for 2.
    await receive(PARTS.map((item, i) => ({ item, qty: i === PARTS.length - 1 ? '4' : '10' })));
  });

  it('a shortage in a later chunk undoes the whole pick and leaves the order as it was', async () => {
    const order = await newOrder('W60', '3');
    const res = await api.call('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      body: { date: '2026-12-01' },
    });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('stock.insufficient');
    expect(await balanceQty(api, clerk, PARTS[0]!, 'RM')).toBe('10');
    await expectLedgerBalances(api, clerk, PARTS[0]!);
    const after = await api.call<TaskOrder>('GET', `/api/task-orders/${order.no}`, {
      token: clerk,
    });
    expect(after.body.issued).toEqual([]);
    expect(after.body.status).toBe('released');
  });

  it('issues all 60 components in one document, posted in chunks, the order updated once', async () => {
    const order = await newOrder('W60', '2');
    const res = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      headers: { 'idempotency-key': `w60-${order.no}` },
      body: { date: '2026-12-01' },
    });
    expect(res.status).toBe(201);
    expect(res.body.documents).toHaveLength(1);
    const record = await stockRepo(getDeps(), TENANT).getPostingRecord(res.body.documents[0]!);
    expect(record?.document.status).toBe('posted');
    expect(record?.chunksDone).toBeGreaterThan(1);
    const picked = res.body.orders[0]!;
    expect(picked.status).toBe('inProgress');
    expect(picked.version).toBe(order.version + 1);
    expect(picked.needs.map((n) => n.issued)).toEqual(PARTS.map(() => '4'));
    for (const part of [PARTS[0]!, PARTS[59]!]) {
      expect(await balanceQty(api, clerk, part, 'RM')).toBe(part === PARTS[59] ? '0' : '6');
      await expectLedgerBalances(api, clerk, part);
    }
    const stored = await api.call<TaskOrder>('GET', `/api/task-orders/${order.no}`, {
      token: clerk,
    });
    expect(stored.body.issued).toHaveLength(60);
    expect(stored.body.version).toBe(picked.version);

    // The same request again is answered from its record: nothing moves twice.
    const replay = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/issues`, {
      token: clerk,
      headers: { 'idempotency-key': `w60-${order.no}` },
      body: { date: '2026-12-01' },
    });
    expect(replay.status).toBe(201);
    expect(replay.body.documents).toEqual(res.body.documents);
    expect(await balanceQty(api, clerk, PARTS[0]!, 'RM')).toBe('6');
  });

  it.each([
    { mode: 'one at a time', conflicts: false },
    { mode: 'with TransactionConflict', conflicts: true },
  ])(
    'two chunked picks for one order at once ($mode): the later one finishes on the fresh order',
    async ({ conflicts }) => {
      const before = await balanceQty(api, clerk, PARTS[0]!, 'RM');
      api.runtime.store.setTransactionConflicts(conflicts && { windowMs: 10 });
      try {
        await twoChunkedPicks();
      } finally {
        api.runtime.store.setTransactionConflicts(false);
      }
      expect(await balanceQty(api, clerk, PARTS[0]!, 'RM')).toBe(String(Number(before) - 2));
      await expectLedgerBalances(api, clerk, PARTS[0]!);
    },
  );

  async function twoChunkedPicks() {
    const order = await newOrder('W60', '1');
    const lines = PARTS.slice(0, 50).map((item) => ({ item, qty: '1' }));
    const both = await Promise.all(
      [1, 2].map(() =>
        api.call<PickResult>('POST', `/api/task-orders/${order.no}/issues`, {
          token: clerk,
          body: { date: '2026-12-01', lines },
        }),
      ),
    );
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const stored = await api.call<TaskOrder>('GET', `/api/task-orders/${order.no}`, {
      token: clerk,
    });
    // Each pick's quantities reached the order once: 1 + 1 of each of the 50 parts.
    expect(stored.body.needs.slice(0, 50).map((n) => n.issued)).toEqual(lines.map(() => '2'));
    expect(stored.body.needs.slice(50).map((n) => n.issued)).toEqual(
      PARTS.slice(50).map(() => '0'),
    );
    expect(stored.body.version).toBe(order.version + 2);
  }
});

describe('picking with an allowed substitute', () => {
  // S needs 2 SY per unit; its BOM line allows SX at 1.5 SX per SY. 10 SY and 100 SX in RM.
  beforeAll(async () => {
    const admin = await api.token('admin');
    const engineer = await api.token('wuhao');
    const rm = { source: 'purchased', defaultWarehouse: 'RM' };
    await createItems(api, admin, { S: {}, SY: rm, SX: rm, SZ: rm });
    await approvedBom(api, engineer, 'S', [
      {
        component: 'SY',
        qtyPer: '2',
        substitutes: [{ item: 'SX', priority: 1, ratio: '1.5' }],
      },
    ]);
    await receive([
      { item: 'SY', qty: '10' },
      { item: 'SX', qty: '100' },
      { item: 'SZ', qty: '100' },
    ]);
  });

  const issue = (no: string, lines: unknown[]) =>
    api.call<PickResult>('POST', `/api/task-orders/${no}/issues`, {
      token: clerk,
      body: { date: '2026-12-01', lines },
    });
  const openNeeds = async (no: string) =>
    (await loadPlanningInput(getDeps(), TENANT, '2026-12-01', 30)).workOrders.find(
      (w) => w.no === no,
    )!.needs;

  it('is refused while the component itself is in stock, or when the BOM does not allow it', async () => {
    const order = await newOrder('S', '5'); // 10 SY: exactly what is in stock
    const notShort = await issue(order.no, [{ item: 'SY', qty: '1', substitute: 'SX' }]);
    expect(notShort.status).toBe(422);
    expect(errorOf(notShort)).toMatchObject({
      code: 'issue.substituteNotShort',
      issues: [{ path: ['body', 'lines', 0, 'qty'] }],
    });
    const notAllowed = await issue(order.no, [{ item: 'SY', qty: '1', substitute: 'SZ' }]);
    expect(errorOf(notAllowed)).toMatchObject({
      code: 'issue.substituteNotAllowed',
      issues: [
        { path: ['body', 'lines', 0, 'substitute'], message: expect.stringContaining('SX') },
      ],
    });
    await api.call('POST', `/api/task-orders/${order.no}/state`, {
      token: planner,
      body: { to: 'closed' },
    });
  });

  it('issues the substitute for what is short; the need counts as covered, MRP sees nothing open', async () => {
    const order = await newOrder('S', '10'); // 20 SY needed, 10 in stock
    const list = await api.call<PickList>('GET', `/api/picking/pick-list?orders=${order.no}`, {
      token: clerk,
    });
    expect(list.body.lines).toEqual([
      expect.objectContaining({
        item: 'SY',
        qty: '20',
        available: '10',
        // 100 SX cover ⌊100 / 1.5⌋ = 66 SY.
        substitutes: [
          {
            item: 'SX',
            priority: 1,
            ratio: '1.5',
            warehouse: 'RM',
            available: '100',
            covers: '66',
          },
        ],
      }),
    ]);
    const res = await issue(order.no, [
      { item: 'SY', qty: '10' },
      { item: 'SY', qty: '10', substitute: 'SX' },
    ]);
    expect(res.status).toBe(201);
    const doc = (
      await api.call<StockDocument>('GET', `/api/stock/documents/${res.body.documents[0]}`, {
        token: clerk,
      })
    ).body;
    expect(doc.moves).toEqual([
      expect.objectContaining({ item: 'SY', qty: '-10', taskOrder: order.no }),
      expect.objectContaining({ item: 'SX', qty: '-15', taskOrder: order.no, substituteFor: 'SY' }),
    ]);
    const after = res.body.orders[0]!;
    expect(need(after, 'SY')).toMatchObject({
      issued: '20',
      substituted: [{ item: 'SX', warehouse: 'RM', qty: '15', covers: '10' }],
    });
    expect(after.issued).toEqual([{ item: 'SY', qty: '20' }]);
    expect(await balanceQty(api, clerk, 'SX', 'RM')).toBe('85');
    expect(await openNeeds(order.no)).toEqual([]);
    await expectLedgerBalances(api, clerk, 'SX');

    // A return of part of the substitute goes back to SX and opens SY again for what it covered.
    const back = await api.call<PickResult>('POST', `/api/task-orders/${order.no}/returns`, {
      token: clerk,
      body: { date: '2026-12-02', lines: [{ item: 'SX', qty: '6', substituteFor: 'SY' }] },
    });
    expect(back.status).toBe(201);
    expect(need(back.body.orders[0]!, 'SY')).toMatchObject({
      issued: '16',
      substituted: [{ item: 'SX', qty: '9', covers: '6' }],
    });
    expect(await balanceQty(api, clerk, 'SX', 'RM')).toBe('91');
    expect(await openNeeds(order.no)).toEqual([{ item: 'SY', qty: '4' }]);
    // SY itself was issued 10: no more of it can come back.
    const over = await api.call('POST', `/api/task-orders/${order.no}/returns`, {
      token: clerk,
      body: { date: '2026-12-02', lines: [{ item: 'SY', qty: '11' }] },
    });
    expect(errorOf(over).code).toBe('issue.overReturn');
  });
});
