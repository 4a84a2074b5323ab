import type {
  Balance,
  Page,
  PickList,
  PickResult,
  ProductionReceipt,
  Supplementary,
  TaskOrder,
} from '@factory/shared';
import { useApprovalNotifier } from '../../functions/src/deps.js';
import { errorOf, startApi, type Api } from './harness.js';
import { recordingNotifier } from './salesHarness.js';
import { idem, importFactory, reportGood, shopfloorFile } from './shopfloorHarness.js';

/**
 * MTO-tracked component stock: a task order with a tracking number issues its MTO components
 * from (and returns them to) balances with that tracking number, never the untracked pool;
 * MTS components come from the pool as before.
 */
const T = 'wwmto0001';
let api: Api;
let planner: string;
let clerk: string;
let supervisor: string;
const cards = recordingNotifier();

async function balances(item: string): Promise<Record<string, string>> {
  const res = await api.call<Page<Balance>>('GET', `/api/stock/balances?item=${item}`, {
    token: clerk,
  });
  expect(res.status).toBe(200);
  return Object.fromEntries(
    res.body.items.map((b) => [`${b.warehouse}/${b.trackingNo || '-'}`, b.qty]),
  );
}

async function newOrder(item: string, qty: string, trackingNo?: string) {
  const res = await api.call<TaskOrder>('POST', '/api/task-orders', {
    token: planner,
    headers: idem(),
    body: {
      item,
      qty,
      startDate: '2026-12-01',
      dueDate: '2026-12-10',
      ...(trackingNo ? { trackingNo } : {}),
    },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body;
}

const issue = (no: string, body: Record<string, unknown>) =>
  api.call<PickResult>('POST', `/api/task-orders/${no}/issues`, {
    token: clerk,
    headers: idem(),
    body: { date: '2026-12-02', ...body },
  });

beforeAll(async () => {
  api = await startApi();
  useApprovalNotifier(cards.notifier);
  const file = shopfloorFile();
  const base = file.items.find((i) => i.code === 'BOLT')!;
  file.items.push(
    { ...base, code: 'CASE', name: '机壳', source: 'manufactured', strategy: 'mto' },
    { ...base, code: 'PLAIN', name: '标准壳', source: 'manufactured', defaultWarehouse: 'FG' },
    { ...base, code: 'CHIP', name: '定制芯片', strategy: 'mto' },
    { ...base, code: 'SCREW', name: '螺丝' },
    { ...base, code: 'PASTE', name: '导热膏', strategy: 'mto' },
  );
  file.items.find((i) => i.code === 'CASE')!.defaultWarehouse = 'FG';
  file.boms.push(
    {
      parent: 'CASE',
      version: 'V1',
      effectiveFrom: '2026-01-01',
      lines: [
        { component: 'CHIP', qtyPer: '2', issueMethod: 'manual' },
        { component: 'SCREW', qtyPer: '3', issueMethod: 'manual' },
        { component: 'PASTE', qtyPer: '1', issueMethod: 'backflush' },
      ],
    },
    {
      parent: 'PLAIN',
      version: 'V1',
      effectiveFrom: '2026-01-01',
      lines: [{ component: 'SCREW', qtyPer: '1', issueMethod: 'manual' }],
    },
  );
  file.stock.push(
    { item: 'CHIP', warehouse: 'RM', qty: '100' },
    { item: 'CHIP', warehouse: 'RM', qty: '10', trackingNo: 'SO-9' } as never,
    { item: 'CHIP', warehouse: 'RM', qty: '4', trackingNo: 'SO-7' } as never,
    { item: 'SCREW', warehouse: 'RM', qty: '100' },
    { item: 'PASTE', warehouse: 'RM', qty: '100' },
    { item: 'PASTE', warehouse: 'RM', qty: '10', trackingNo: 'SO-9' } as never,
    { item: 'PASTE', warehouse: 'RM', qty: '1', trackingNo: 'SO-8' } as never,
  );
  file.taskOrders.push({
    no: 'MO-T7',
    item: 'CASE',
    qty: '1',
    startDate: '2026-12-01',
    dueDate: '2026-12-08',
    trackingNo: 'SO-7',
  } as never);
  // Never read for picking: a receipt computes its needs (and their tracking) itself.
  file.taskOrders.push({
    no: 'MO-T8',
    item: 'CASE',
    qty: '1',
    startDate: '2026-12-01',
    dueDate: '2026-12-08',
    trackingNo: 'SO-8',
  } as never);
  await importFactory(api, T, file);
  planner = await api.token('lina', T);
  clerk = await api.token('wangqiang', T);
  supervisor = await api.token('liuyang', T);
});
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

describe('MTO-tracked component stock', () => {
  let a: TaskOrder;

  it('needs of a tracked order carry the tracking number for MTO components only', async () => {
    a = await newOrder('CASE', '3', 'SO-9');
    expect(a.needs.map((n) => [n.item, n.required, n.trackingNo])).toEqual([
      ['CHIP', '6', 'SO-9'],
      ['SCREW', '9', undefined],
      ['PASTE', '3', 'SO-9'],
    ]);
    const list = await api.call<PickList>('GET', `/api/picking/pick-list?orders=${a.no}`, {
      token: clerk,
    });
    expect(list.body.lines).toEqual([
      expect.objectContaining({ item: 'CHIP', trackingNo: 'SO-9', qty: '6', available: '10' }),
      expect.objectContaining({ item: 'SCREW', qty: '9', available: '100' }),
    ]);
    expect(list.body.lines[1]!.trackingNo).toBeUndefined();
    expect(list.body.kit).toMatchObject({ maxSets: '3', remainingSets: '3' });
  });

  it('a standard issue takes tracked stock for the MTO component, the pool for the MTS one', async () => {
    const res = await issue(a.no, {});
    expect(res.status).toBe(201);
    expect(await balances('CHIP')).toEqual({ 'RM/-': '100', 'RM/SO-9': '4', 'RM/SO-7': '4' });
    expect(await balances('SCREW')).toEqual({ 'RM/-': '91' });
    const back = await api.call('POST', `/api/task-orders/${a.no}/returns`, {
      token: clerk,
      headers: idem(),
      body: { date: '2026-12-02', lines: [{ item: 'CHIP', qty: '1' }] },
    });
    expect(back.status).toBe(201);
    expect(await balances('CHIP')).toEqual({ 'RM/-': '100', 'RM/SO-9': '5', 'RM/SO-7': '4' });
  });

  it('untracked stock is not used for an MTO component of a tracked order', async () => {
    const b = await newOrder('CASE', '4', 'SO-9'); // 8 CHIP of SO-9; only 5 left
    const res = await issue(b.no, { lines: [{ item: 'CHIP', qty: '8' }] });
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: 'stock.insufficient',
      details: { item: 'CHIP', warehouse: 'RM', available: '5', requested: '8' },
    });
    expect(await balances('CHIP')).toEqual({ 'RM/-': '100', 'RM/SO-9': '5', 'RM/SO-7': '4' });
    // A kit takes what the tracked stock allows: 2 sets (4 CHIP of SO-9).
    const list = await api.call<PickList>('GET', `/api/picking/pick-list?orders=${b.no}`, {
      token: clerk,
    });
    expect(list.body.kit).toMatchObject({ maxSets: '2' });
    const tooMany = await issue(b.no, { sets: '3' });
    expect(tooMany.status).toBe(409);
    expect(errorOf(tooMany).code).toBe('issue.kitExceedsStock');
    const kit = await issue(b.no, { sets: '2' });
    expect(kit.status).toBe(201);
    expect(await balances('CHIP')).toEqual({ 'RM/-': '100', 'RM/SO-9': '1', 'RM/SO-7': '4' });
    expect(await balances('SCREW')).toEqual({ 'RM/-': '85' });
  });

  it('merged picking keeps tracked and untracked lines apart; an imported tracked order too', async () => {
    const untracked = await newOrder('CASE', '2'); // no tracking number: the pool
    const { no: plain } = await newOrder('PLAIN', '1', 'SO-9'); // an MTS product: the pool
    const nos = ['MO-T7', untracked.no, plain];
    const preview = await api.call<PickList>(
      'GET',
      `/api/picking/pick-list?orders=${nos.join(',')}`,
      { token: clerk },
    );
    expect(preview.status).toBe(200);
    expect(
      preview.body.lines.map((l) => [l.item, l.trackingNo ?? '-', l.qty, l.available]),
    ).toEqual([
      ['CHIP', '-', '4', '100'],
      ['CHIP', 'SO-7', '2', '4'],
      ['SCREW', '-', '10', '85'],
    ]);
    const posted = await api.call<PickResult>('POST', '/api/picking/merged', {
      token: clerk,
      headers: idem(),
      body: { orders: nos, date: '2026-12-02' },
    });
    expect(posted.status).toBe(201);
    expect(await balances('CHIP')).toEqual({ 'RM/-': '96', 'RM/SO-9': '1', 'RM/SO-7': '2' });
  });

  it('a supplementary issue of an MTO component takes tracked stock', async () => {
    const requested = await api.call<Supplementary>(
      'POST',
      `/api/task-orders/${a.no}/supplementary`,
      {
        token: clerk,
        headers: idem(),
        body: { date: '2026-12-03', reason: '损坏 1 件', lines: [{ item: 'CHIP', qty: '1' }] },
      },
    );
    expect(requested.status).toBe(201);
    const approved = await api.call('POST', `/api/approvals/${requested.body.approvalId}/approve`, {
      token: supervisor,
      body: {},
    });
    expect(approved.status).toBe(200);
    expect(await balances('CHIP')).toEqual({ 'RM/-': '96', 'RM/SO-7': '2' }); // SO-9 used up
  });

  it('a production receipt puts an MTO product under the tracking number, an MTS one in the pool', async () => {
    const plain = (
      await api.call<{ items: TaskOrder[] }>('GET', '/api/task-orders?limit=200', { token: clerk })
    ).body.items.find((o) => o.item === 'PLAIN')!;
    // Receipts need the good quantity reported.
    for (const [no, good] of [
      [a.no, '3'],
      ['MO-T7', '1'],
      ['MO-T8', '1'],
      [plain.no, '1'],
    ] as const) {
      await reportGood(api, T, no, good);
    }
    const res = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token: clerk,
      headers: idem(),
      body: { taskOrder: a.no, date: '2026-12-05', qty: '3' },
    });
    expect(res.status).toBe(201);
    expect(await balances('CASE')).toEqual({ 'FG/SO-9': '3' });
    // Backflush takes the MTO component from the order's tracking number too.
    expect(res.body.backflush).toEqual([
      { item: 'PASTE', warehouse: 'RM', qty: '3', trackingNo: 'SO-9' },
    ]);
    expect(await balances('PASTE')).toEqual({ 'RM/-': '100', 'RM/SO-9': '7', 'RM/SO-8': '1' });
    // MO-T7 (SO-7) has no tracked PASTE: refused although the pool has plenty.
    const short = await api.call('POST', '/api/production-receipts', {
      token: clerk,
      headers: idem(),
      body: { taskOrder: 'MO-T7', date: '2026-12-05', qty: '1' },
    });
    expect(short.status).toBe(409);
    expect(errorOf(short)).toMatchObject({
      code: 'stock.insufficient',
      details: { item: 'PASTE', available: '0', requested: '1' },
    });
    const t8 = await api.call<ProductionReceipt>('POST', '/api/production-receipts', {
      token: clerk,
      headers: idem(),
      body: { taskOrder: 'MO-T8', date: '2026-12-05', qty: '1' },
    });
    expect(t8.status).toBe(201);
    expect(await balances('PASTE')).toEqual({ 'RM/-': '100', 'RM/SO-9': '7' });
    const mts = await api.call('POST', '/api/production-receipts', {
      token: clerk,
      headers: idem(),
      body: { taskOrder: plain.no, date: '2026-12-05', qty: '1' },
    });
    expect(mts.status).toBe(201);
    expect(await balances('PLAIN')).toEqual({ 'FG/-': '1' });
  });
});
