import type {
  DigestRunResult,
  DigestSubscription,
  InboxEntry,
  Page,
  SalesOrder,
  Shortage,
  TaskOrder,
} from '@factory/shared';
import type { SimMessage } from '../../functions/local/wecom/simulator.js';
import { getDeps } from '../../functions/src/deps.js';
import { digestRepo } from '../../functions/src/store/digestRepo.js';
import { TEST_TODAY } from '../testClock.js';
import { approvedBom } from './bomHarness.js';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { aSalesOrder, BIG_ORDER, seedSales, seedUsers, submittedOrder } from './salesHarness.js';

/**
 * The daily digest (issue 16 deliverable 5, docs/digest.md): managers opt in; the job writes
 * each due subscriber's digest of a business day to the outbox, once per tenant, day and user;
 * the WeCom simulator receives a card with the day's exact numbers and a link into the
 * mini-program. Documents of another tenant are never counted.
 */
const T = 'wwdemo01';
const OTHER = 'wwdemo02';
let api: Api;
let admin: string;
let manager: string;
let cost: string;

async function ok<B>(method: string, path: string, token: string, body?: unknown): Promise<B> {
  const res = await api.call<B>(method, path, { token, ...(body !== undefined ? { body } : {}) });
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const run = (body: Record<string, unknown> = {}) =>
  api.call<DigestRunResult>('POST', '/local/digest/run', { body });

/** The digests the simulator received in a corp (cards and texts), by recipient. */
function digests(corp: string, recipient?: string): SimMessage[] {
  return api.runtime
    .wecom!.sim.sentMessages(corp)
    .filter((m) => JSON.stringify(m.content).includes('每日经营简报'))
    .filter((m) => !recipient || m.recipients.includes(recipient));
}

type Card = {
  card_type: string;
  main_title: { title: string; desc: string };
  horizontal_content_list: { keyname: string; value: string }[];
  card_action: { type: number; appid: string; pagepath: string };
};

let lateOrder: TaskOrder;

beforeAll(async () => {
  api = await startApi({ wecom: {} });
  for (const tenant of [T, OTHER]) {
    await seedBasics(api, tenant);
    await seedSales(api, tenant);
    await seedUsers(tenant);
  }
  admin = await api.token('admin', T);
  manager = await api.token('zhoujun', T);
  cost = await api.token('sunli', T);
  const engineer = await api.token('wuhao', T);
  const clerk = await api.token('wangqiang', T);
  const planner = await api.token('lina', T);
  // A fan is built from four bolts; ten bolts in stock, twenty fans to ship from.
  await approvedBom(api, engineer, 'FAN', [{ component: 'BOLT', qtyPer: '4' }]);
  await ok('POST', '/api/stock/receipts', admin, {
    date: TEST_TODAY,
    reason: 'opening',
    lines: [
      { item: 'FAN', warehouse: 'FG', qty: '20' },
      { item: 'BOLT', warehouse: 'RM', qty: '10' },
    ],
  });
  // Booked today: 10 × ¥199.90 + 13% VAT = ¥2,258.87 and 3 × ¥45.50 + VAT = ¥154.25.
  const first = await submittedOrder(api, admin, aSalesOrder());
  expect(first.status).toBe('confirmed');
  expect(first.totalWithTax!.amount).toBe(225_887);
  const second = await submittedOrder(
    api,
    admin,
    aSalesOrder({ lines: [{ item: 'FAN', qty: '3', unitPrice: '45.50', dueDate: '2026-12-20' }] }),
  );
  expect(second.totalWithTax!.amount).toBe(15_425);
  // Not booked: one waiting for the manager's approval (¥59,970.00), one still a draft.
  const big = await submittedOrder(api, admin, BIG_ORDER);
  expect(big.status).toBe('pending');
  await ok<SalesOrder>('POST', '/api/sales-orders', admin, aSalesOrder());
  // Shipped today: 4 of the first order's fans, 4 × ¥199.90 + VAT = ¥903.55.
  await ok('POST', '/api/deliveries', clerk, {
    customer: 'C1',
    date: TEST_TODAY,
    lines: [{ salesOrder: first.no, line: 1, qty: '4', warehouse: 'FG' }],
  });
  // Due today and not done (late tomorrow morning), and due later: both short of bolts.
  lateOrder = await ok<TaskOrder>('POST', '/api/task-orders', planner, {
    item: 'FAN',
    qty: '5',
    startDate: TEST_TODAY,
    dueDate: TEST_TODAY,
  });
  await ok<TaskOrder>('POST', '/api/task-orders', planner, {
    item: 'FAN',
    qty: '1',
    startDate: TEST_TODAY,
    dueDate: '2026-12-20',
  });
  // The other factory books an order of its own the same day (¥11.30): never counted here.
  const otherAdmin = await api.token('admin', OTHER);
  const theirs = await submittedOrder(
    api,
    otherAdmin,
    aSalesOrder({ lines: [{ item: 'FAN', qty: '1', unitPrice: '10.00', dueDate: '2026-12-20' }] }),
  );
  expect(theirs.status).toBe('confirmed');
  await api.runtime.outbox.idle();
});
afterAll(() => api.close());

describe('the subscription', () => {
  it('is off at 08:00 until saved; a manager turns it on, cost accounting picks an hour', async () => {
    expect(await ok<DigestSubscription>('GET', '/api/digest/subscription', manager)).toEqual({
      user: 'zhoujun',
      enabled: false,
      hour: 8,
    });
    const on = await ok<DigestSubscription>('PUT', '/api/digest/subscription', manager, {
      enabled: true,
    });
    expect(on).toEqual(expect.objectContaining({ user: 'zhoujun', enabled: true, hour: 8 }));
    expect(await ok('GET', '/api/digest/subscription', manager)).toEqual(on);
    const nine = await ok<DigestSubscription>('PUT', '/api/digest/subscription', cost, {
      enabled: true,
      hour: 9,
    });
    expect(nine).toEqual(expect.objectContaining({ user: 'sunli', enabled: true, hour: 9 }));
    // Off and on again keeps the hour chosen.
    await ok('PUT', '/api/digest/subscription', cost, { enabled: false });
    const again = await ok<DigestSubscription>('PUT', '/api/digest/subscription', cost, {
      enabled: true,
    });
    expect(again.hour).toBe(9);
    // The other factory's admin takes it too (a WeCom app without a mini-program: a text).
    await ok('PUT', '/api/digest/subscription', await api.token('admin', OTHER), {
      enabled: true,
    });
  });

  it('refuses bad input naming each field, and those who may not see the factory figures', async () => {
    const bad = await api.call('PUT', '/api/digest/subscription', {
      token: manager,
      body: { enabled: 'yes', hour: 24 },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.enabled',
      'body.hour',
    ]);
    const missing = await api.call('PUT', '/api/digest/subscription', {
      token: manager,
      body: { hour: 7.5, extra: 1 },
    });
    expect(missing.status).toBe(400);
    expect(
      errorOf(missing)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['body.enabled', 'body.extra', 'body.hour']);
    const worker = await api.token('chenjie', T);
    const refused = await api.call('PUT', '/api/digest/subscription', {
      token: worker,
      body: { enabled: true },
    });
    expect(refused.status).toBe(403);
    expect((await api.call('GET', '/api/digest/subscription', { token: worker })).status).toBe(403);
    // Nothing was changed by the refused requests.
    expect((await ok<DigestSubscription>('GET', '/api/digest/subscription', manager)).enabled).toBe(
      true,
    );
    // Saved while liuyang was a manager; a supervisor now, so the job passes them by.
    await getDeps().unitOfWork.commit([
      digestRepo(getDeps(), T).put({ user: 'liuyang', enabled: true, hour: 8 }),
    ]);
    const badRun = await run({ day: '2026-13-01' });
    expect(badRun.status).toBe(400);
    expect(errorOf(badRun).issues!.map((i) => i.path.join('.'))).toEqual(['body.day']);
  });
});

describe('the job', () => {
  it("at 08:30 sends yesterday's digest to those whose hour has come, once", async () => {
    const res = await run();
    expect(res.status).toBe(200);
    // zhoujun (08:00) and the other factory's admin; sunli (09:00) not yet.
    expect(res.body).toEqual({
      day: '2026-11-30',
      tenants: 2,
      queued: 2,
      alreadySent: 0,
      failedTenants: [],
    });
    const again = await run();
    expect(again.body).toEqual(expect.objectContaining({ queued: 0, alreadySent: 2 }));
    await api.runtime.outbox.idle();
    expect(digests(T, 'zhoujun')).toHaveLength(1);
    expect(digests(T, 'sunli')).toHaveLength(0);
  });

  it("sends a day's digest with that day's exact numbers and a link into the mini-program", async () => {
    const res = await run({ day: TEST_TODAY });
    expect(res.body).toEqual({
      day: TEST_TODAY,
      tenants: 2,
      queued: 3,
      alreadySent: 0,
      failedTenants: [],
    });
    await api.runtime.outbox.idle();
    const mine = digests(T, 'zhoujun').filter((m) =>
      JSON.stringify(m.content).includes('12月1日（周二）'),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.msgtype).toBe('template_card');
    expect(mine[0]!.recipients).toEqual(['zhoujun']);
    const card = mine[0]!.content as unknown as Card;
    expect(card.card_type).toBe('text_notice');
    expect(card.main_title).toEqual({ title: '每日经营简报', desc: '12月1日（周二）' });
    expect(card.horizontal_content_list).toEqual([
      { keyname: '新增订单', value: '2 单 ¥2,413.12' },
      { keyname: '发货', value: '1 单 ¥903.55' },
      { keyname: '逾期生产任务单', value: `1 张：${lateOrder.no}` },
      { keyname: '缺料生产任务单', value: '2 张，缺 1 种物料' },
      { keyname: '待我审批', value: '1 项' },
    ]);
    expect(card.card_action).toEqual({
      type: 2,
      appid: 'wxdemo0000000001',
      pagepath: 'pages/dashboard/index/index',
    });
    // The numbers are those of the documents behind them.
    const inbox = await ok<Page<InboxEntry>>('GET', '/api/approvals/inbox', manager);
    expect(inbox.items).toHaveLength(1);
    const shortage = await ok<Shortage>('GET', '/api/mrp/shortage?date=2026-12-02', admin);
    expect(shortage.orders.filter((o) => o.status !== 'complete')).toHaveLength(2);
    // Cost accounting has nothing waiting on it.
    const theirs = digests(T, 'sunli');
    expect(theirs).toHaveLength(1);
    expect(JSON.stringify(theirs[0]!.content)).toContain('"value":"0 项"');
  });

  it('never sends the same day twice, nor to those who did not subscribe', async () => {
    const again = await run({ day: TEST_TODAY });
    expect(again.body).toEqual(expect.objectContaining({ queued: 0, alreadySent: 3 }));
    await api.runtime.outbox.idle();
    expect(digests(T, 'zhoujun')).toHaveLength(2);
    expect(digests(T, 'sunli')).toHaveLength(1);
    expect(digests(T, 'admin')).toHaveLength(0);
    expect(digests(T, 'zhangwei')).toHaveLength(0);
    expect(digests(T, 'liuyang')).toHaveLength(0);
  });

  it("counts only the tenant's own documents", async () => {
    const theirs = digests(OTHER).filter((m) => JSON.stringify(m.content).includes('12月1日'));
    expect(theirs).toHaveLength(1);
    expect(theirs[0]!.msgtype).toBe('text');
    expect(theirs[0]!.recipients).toEqual(['admin']);
    const text = (theirs[0]!.content as { content: string }).content;
    expect(text).toContain('新增订单：1 单 ¥11.30');
    expect(text).toContain('发货：0 单 ¥0.00');
    expect(text).toContain('逾期生产任务单：无');
    expect(text).toContain('待我审批：0 项');
  });
});
