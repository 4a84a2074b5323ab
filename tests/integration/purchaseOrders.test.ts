import type {
  Approval,
  Page,
  PriceListEntry,
  PurchaseOrder,
  PurchaseReceipt,
} from '@factory/shared';
import { getDeps, useApprovalNotifier } from '../../functions/src/deps.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { recordingNotifier, seedUsers } from './salesHarness.js';

let api: Api;
let planner: string;
let manager: string;
let sales: string;
let cards: ReturnType<typeof recordingNotifier>;

const fen = (amount: number) => ({ amount, scale: 2, currency: 'CNY' });

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  await seedUsers();
  planner = await api.token('lina');
  manager = await api.token('zhoujun');
  sales = await api.token('zhangwei');
  const admin = await api.token('admin');
  await api.call('POST', '/api/partners', {
    token: admin,
    body: { code: 'C1', name: '客户一', roles: ['customer'] },
  });
  // Steel from S1: ¥5.00 from 0 kg, ¥4.80 from 100 kg (9% VAT), ¥4.50 from 500 kg; a price
  // that ended in November; bolts at ¥0.012345 each.
  for (const body of [
    { supplier: 'S1', item: 'STEEL', unitPrice: '5', effectiveFrom: '2026-01-01' },
    {
      supplier: 'S1',
      item: 'STEEL',
      unitPrice: '4.8',
      minQty: '100',
      vatRate: '0.09',
      effectiveFrom: '2026-01-01',
    },
    { supplier: 'S1', item: 'STEEL', unitPrice: '4.5', minQty: '500', effectiveFrom: '2026-01-01' },
    {
      supplier: 'S1',
      item: 'STEEL',
      unitPrice: '3',
      minQty: '1000',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-11-30',
    },
    { supplier: 'S1', item: 'BOLT', unitPrice: '0.012345', effectiveFrom: '2026-06-01' },
  ]) {
    const res = await api.call('POST', '/api/price-lists', { token: planner, body });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
});
beforeEach(() => {
  cards = recordingNotifier();
  useApprovalNotifier(cards.notifier);
});
afterEach(() => api.runtime.outbox.idle());
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

const create = (body: unknown, token = planner, headers: Record<string, string> = {}) =>
  api.call<PurchaseOrder>('POST', '/api/purchase-orders', { token, body, headers });
const all = async (token = planner) =>
  (await api.call<Page<PurchaseOrder>>('GET', '/api/purchase-orders?limit=200', { token })).body
    .items;

describe('price lists', () => {
  it('lists entries by supplier and item; the same entry twice is 409; bad input names fields', async () => {
    const list = await api.call<Page<PriceListEntry>>(
      'GET',
      '/api/price-lists?supplier=S1&item=STEEL',
      { token: planner },
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((e) => [e.minQty, e.unitPrice])).toEqual([
      ['0', '5'],
      ['100', '4.8'],
      ['1000', '3'],
      ['500', '4.5'],
    ]);
    const again = await api.call('POST', '/api/price-lists', {
      token: planner,
      body: { supplier: 'S1', item: 'STEEL', unitPrice: '6', effectiveFrom: '2026-01-01' },
    });
    expect(again.status).toBe(409);
    const bad = await api.call('POST', '/api/price-lists', {
      token: planner,
      body: {
        supplier: 'C1',
        item: 'NOPE',
        unitPrice: '1',
        effectiveFrom: '2026-01-01',
      },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.supplier',
      'body.item',
    ]);
    const shape = await api.call('POST', '/api/price-lists', {
      token: planner,
      body: {
        supplier: 'S1',
        item: 'STEEL',
        unitPrice: '1.1234567',
        minQty: '-1',
        vatRate: '13',
        effectiveFrom: '2026-02-01',
        effectiveTo: '2026-01-01',
      },
    });
    expect(shape.status).toBe(400);
    expect(errorOf(shape).issues!.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['body.unitPrice', 'body.minQty', 'body.vatRate', 'body.effectiveTo']),
    );
    const byWorker = await api.call('POST', '/api/price-lists', {
      token: await api.token('chenjie'),
      body: { supplier: 'S1', item: 'STEEL', unitPrice: '6', effectiveFrom: '2026-03-01' },
    });
    expect(byWorker.status).toBe(403);
  });
});

describe('entry, prices and totals', () => {
  it('prices from the list by quantity break and date, typed prices win, VAT to the fen', async () => {
    const res = await create({
      supplier: 'S1',
      remark: '十二月钢材',
      lines: [
        { item: 'STEEL', qty: '99.999', dueDate: '2026-12-10' }, // 5.00
        { item: 'STEEL', qty: '100.5', dueDate: '2026-12-10' }, // 4.80, 9%
        { item: 'STEEL', qty: '1200', dueDate: '2026-12-10' }, // 4.50 (the 3.00 break ended)
        { item: 'BOLT', qty: '1000', dueDate: '2026-12-12' }, // 0.012345
        { item: 'BOLT', qty: '7', unitPrice: '1.05', vatRate: '0.13', dueDate: '2026-12-12' },
      ],
    });
    expect(res.status).toBe(201);
    const o = res.body;
    expect(o).toMatchObject({
      status: 'draft',
      origin: 'entry',
      supplier: 'S1',
      supplierName: '供应商一',
      orderDate: '2026-12-01',
      version: 1,
      createdBy: 'lina',
    });
    expect(o.no).toMatch(/^PO-\d{8}-\d{4}$/);
    expect(
      o.lines.map((l) => [
        l.unitPrice,
        l.priceSource,
        l.vatRate,
        l.amount!.amount,
        l.tax!.amount,
        l.amountWithTax!.amount,
      ]),
    ).toEqual([
      ['5', 'priceList', '0.13', 50000, 6500, 56500], // 499.995 -> 500.00
      ['4.8', 'priceList', '0.09', 48240, 4342, 52582], // tax 43.416 -> 43.42
      ['4.5', 'priceList', '0.13', 540000, 70200, 610200],
      ['0.012345', 'priceList', '0.13', 1235, 161, 1396], // 12.345 -> 12.35; 1.6055 -> 1.61
      ['1.05', 'manual', '0.13', 735, 96, 831], // 0.9555 -> 0.96
    ]);
    const sum = (k: 'amount' | 'tax' | 'amountWithTax') =>
      o.lines.reduce((a, l) => a + l[k]!.amount, 0);
    expect(o.total).toEqual(fen(sum('amount')));
    expect(o.tax).toEqual(fen(sum('tax')));
    expect(o.totalWithTax).toEqual(fen(sum('amountWithTax')));
    expect(o.totalWithTax).toEqual(fen(721509));
    const read = await api.call<PurchaseOrder>('GET', `/api/purchase-orders/${o.no}`, {
      token: await api.token('wangqiang'),
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(o);
  });

  it('refuses bad input with every bad field named, and writes nothing', async () => {
    const before = await all();
    const shape = await create({
      lines: [
        {
          item: 'STEEL',
          qty: 'abc',
          unitPrice: '1.1234567',
          vatRate: '1.5',
          dueDate: '2026-13-01',
        },
        { item: 'STEEL', qty: '-1', dueDate: '2026-12-01', extra: 1 },
      ],
    });
    expect(shape.status).toBe(400);
    expect(errorOf(shape).issues!.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining([
        'body.supplier',
        'body.lines.0.qty',
        'body.lines.0.unitPrice',
        'body.lines.0.vatRate',
        'body.lines.0.dueDate',
        'body.lines.1.qty',
        'body.lines.1.extra',
      ]),
    );
    const business = await create({
      supplier: 'C1',
      lines: [
        { item: 'BOLT', qty: '1.5', unitPrice: '1', dueDate: '2026-12-20' },
        { item: 'NOPE', qty: '1', unitPrice: '1', dueDate: '2026-12-20' },
        { item: 'MOTOR', qty: '1', dueDate: '2026-12-20' },
      ],
    });
    expect(business.status).toBe(400);
    expect(errorOf(business).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.supplier',
      'body.lines.0.qty',
      'body.lines.1.item',
      'body.lines.2.unitPrice', // C1 has no price for MOTOR
    ]);
    const huge = await create({
      supplier: 'S1',
      lines: [{ item: 'STEEL', qty: '99999999999', unitPrice: '99999999', dueDate: '2026-12-20' }],
    });
    expect(huge.status).toBe(400);
    expect(errorOf(huge).issues!.map((i) => i.path.join('.'))).toEqual(['body.lines.0.qty']);
    expect(await all()).toEqual(before);
    const bySales = await create(
      {
        supplier: 'S1',
        lines: [{ item: 'STEEL', qty: '1', dueDate: '2026-12-20' }],
      },
      sales,
    );
    expect(bySales.status).toBe(403);
  });

  it('a create retried with the same Idempotency-Key makes one order', async () => {
    const before = (await all()).length;
    const headers = { 'idempotency-key': 'po-create-once' };
    const body = { supplier: 'S1', lines: [{ item: 'STEEL', qty: '1', dueDate: '2026-12-20' }] };
    const first = await create(body, planner, headers);
    const second = await create(body, planner, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replay')).toBe('true');
    expect(second.body.no).toBe(first.body.no);
    expect((await all()).length).toBe(before + 1);
  });

  it('tenants are isolated: another tenant neither reads nor lists nor prices from ours', async () => {
    const mine = await create({
      supplier: 'S1',
      lines: [{ item: 'STEEL', qty: '1', dueDate: '2026-12-20' }],
    });
    await seedBasics(api, 'wwother1');
    const other = await api.token('lina', 'wwother1');
    const read = await api.call('GET', `/api/purchase-orders/${mine.body.no}`, { token: other });
    expect(read.status).toBe(404);
    expect(await all(other)).toEqual([]);
    const prices = await api.call<Page<PriceListEntry>>('GET', '/api/price-lists', {
      token: other,
    });
    expect(prices.body.items).toEqual([]);
    // Their S1 has no price list: the price must be typed.
    const unpriced = await create(
      { supplier: 'S1', lines: [{ item: 'STEEL', qty: '1', dueDate: '2026-12-20' }] },
      other,
    );
    expect(unpriced.status).toBe(400);
    expect(errorOf(unpriced).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.lines.0.unitPrice',
    ]);
  });

  it('lists by status, supplier and search text', async () => {
    const o = await create({
      supplier: 'S1',
      remark: '紧急补货',
      lines: [{ item: 'BOLT', qty: '5', dueDate: '2026-12-20' }],
    });
    const found = await api.call<Page<PurchaseOrder>>(
      'GET',
      `/api/purchase-orders?status=draft&supplier=S1&q=${encodeURIComponent('紧急')}`,
      { token: planner },
    );
    expect(found.body.items.map((x) => x.no)).toEqual([o.body.no]);
    const bad = await api.call('GET', '/api/purchase-orders?status=nope&limit=0', {
      token: planner,
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['query.status', 'query.limit']),
    );
  });
});

describe('approval by amount, changes, close and cancel', () => {
  it('a small order is open at once; a large one waits for the manager (card, approve -> open)', async () => {
    const small = await create({
      supplier: 'S1',
      lines: [{ item: 'STEEL', qty: '10', dueDate: '2026-12-20' }],
    });
    const openAtOnce = await api.call<PurchaseOrder>(
      'POST',
      `/api/purchase-orders/${small.body.no}/submit`,
      { token: planner, body: { expectedVersion: 1 } },
    );
    expect(openAtOnce.status).toBe(200);
    expect(openAtOnce.body).toMatchObject({ status: 'open', version: 2 });
    expect(openAtOnce.body.approvalId).toBeUndefined();

    // 10,000 kg × ¥4.50 = ¥45,000.00 + 13% = ¥50,850.00 incl. VAT: above ¥50,000.00.
    const big = await create({
      supplier: 'S1',
      lines: [{ item: 'STEEL', qty: '10000', dueDate: '2026-12-20' }],
    });
    expect(big.body.total).toEqual(fen(4_500_000));
    expect(big.body.totalWithTax).toEqual(fen(5_085_000));
    const headers = { 'idempotency-key': `submit-${big.body.no}` };
    const pending = await api.call<PurchaseOrder>(
      'POST',
      `/api/purchase-orders/${big.body.no}/submit`,
      { token: planner, body: {}, headers },
    );
    expect(pending.body).toMatchObject({ status: 'pending', approvalId: expect.any(String) });
    const replay = await api.call<PurchaseOrder>(
      'POST',
      `/api/purchase-orders/${big.body.no}/submit`,
      { token: planner, body: {}, headers },
    );
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect(replay.body.approvalId).toBe(pending.body.approvalId);
    await api.runtime.outbox.idle();
    expect(cards.sent).toHaveLength(1);
    expect(cards.sent[0]).toMatchObject({ touser: ['zhoujun'] });

    // Not receivable or MRP supply while pending.
    const input = await loadPlanningInput(getDeps(), 'wwtest01', '2026-12-01', 60);
    expect(input.purchaseOrders.map((p) => p.no)).toContain(small.body.no);
    expect(input.purchaseOrders.map((p) => p.no)).not.toContain(big.body.no);

    const approved = await api.call<Approval>(
      'POST',
      `/api/approvals/${pending.body.approvalId}/approve`,
      { token: manager, body: {} },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const read = await api.call<PurchaseOrder>('GET', `/api/purchase-orders/${big.body.no}`, {
      token: planner,
    });
    expect(read.body).toMatchObject({ status: 'open', decidedAt: expect.any(String) });
  });

  it('an open order is changed while open; above the approved amount it goes back to draft', async () => {
    const o = await create({
      supplier: 'S1',
      lines: [
        { item: 'STEEL', qty: '10', dueDate: '2026-12-20' },
        { item: 'BOLT', qty: '100', dueDate: '2026-12-20' },
      ],
    });
    const open = await api.call<PurchaseOrder>('POST', `/api/purchase-orders/${o.body.no}/submit`, {
      token: planner,
      body: {},
    });
    expect(open.body.status).toBe('open');
    const less = await api.call<PurchaseOrder>('PATCH', `/api/purchase-orders/${o.body.no}`, {
      token: planner,
      body: {
        expectedVersion: open.body.version,
        lines: [
          { item: 'STEEL', qty: '8', dueDate: '2026-12-22' },
          { item: 'BOLT', qty: '100', dueDate: '2026-12-20' },
        ],
      },
    });
    expect(less.status).toBe(200);
    expect(less.body).toMatchObject({ status: 'open', version: open.body.version + 1 });
    const stale = await api.call('PATCH', `/api/purchase-orders/${o.body.no}`, {
      token: planner,
      body: { expectedVersion: open.body.version, remark: '旧版本' },
    });
    expect(stale.status).toBe(409);
    const more = await api.call<PurchaseOrder>('PATCH', `/api/purchase-orders/${o.body.no}`, {
      token: planner,
      body: {
        expectedVersion: less.body.version,
        lines: [
          { item: 'STEEL', qty: '20', dueDate: '2026-12-22' },
          { item: 'BOLT', qty: '100', dueDate: '2026-12-20' },
        ],
      },
    });
    expect(more.body.status).toBe('draft');
  });

  it('closes a line of an open order; the last one closes the order; cancel rules', async () => {
    const o = await create({
      supplier: 'S1',
      lines: [
        { item: 'STEEL', qty: '10', dueDate: '2026-12-20' },
        { item: 'BOLT', qty: '100', dueDate: '2026-12-20' },
      ],
    });
    const draftClose = await api.call('POST', `/api/purchase-orders/${o.body.no}/lines/1/close`, {
      token: planner,
      body: {},
    });
    expect(draftClose.status).toBe(409);
    expect(errorOf(draftClose).code).toBe('purchaseOrder.invalidState');
    await api.call('POST', `/api/purchase-orders/${o.body.no}/submit`, {
      token: planner,
      body: {},
    });
    const noLine = await api.call('POST', `/api/purchase-orders/${o.body.no}/lines/3/close`, {
      token: planner,
      body: {},
    });
    expect(noLine.status).toBe(400);
    expect(errorOf(noLine).issues!.map((i) => i.path.join('.'))).toEqual(['params.line']);
    const one = await api.call<PurchaseOrder>(
      'POST',
      `/api/purchase-orders/${o.body.no}/lines/1/close`,
      { token: planner, body: { reason: '供应商缺货' } },
    );
    expect(one.body.status).toBe('open');
    expect(one.body.lines[0]).toMatchObject({ closed: true });
    const input = await loadPlanningInput(getDeps(), 'wwtest01', '2026-12-01', 60);
    expect(input.purchaseOrders.filter((p) => p.no === o.body.no).map((p) => p.item)).toEqual([
      'BOLT',
    ]);
    const two = await api.call<PurchaseOrder>(
      'POST',
      `/api/purchase-orders/${o.body.no}/lines/2/close`,
      { token: planner, body: {} },
    );
    expect(two.body.status).toBe('closed');
    const cancelClosed = await api.call('POST', `/api/purchase-orders/${o.body.no}/cancel`, {
      token: planner,
      body: {},
    });
    expect(cancelClosed.status).toBe(409);

    const d = await create({
      supplier: 'S1',
      lines: [{ item: 'STEEL', qty: '1', dueDate: '2026-12-20' }],
    });
    const cancelled = await api.call<PurchaseOrder>(
      'POST',
      `/api/purchase-orders/${d.body.no}/cancel`,
      { token: planner, body: { reason: '不需要了' } },
    );
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '不需要了' });
  });
});

describe('receipts against entered orders', () => {
  const receive = async (no: string, lines: unknown[]) =>
    api.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
      token: await api.token('wangqiang'),
      body: { purchaseOrder: no, date: '2026-12-01', lines },
    });

  it('an order is received only once approved, valued at its line price; closed lines take none', async () => {
    const o = await create({
      supplier: 'S1',
      lines: [
        { item: 'BOLT', qty: '1000', dueDate: '2026-12-20' }, // ¥0.012345 from the list
        { item: 'STEEL', qty: '10', unitPrice: '4.75', dueDate: '2026-12-20' },
      ],
    });
    const early = await receive(o.body.no, [{ line: 1, qty: '10', warehouse: 'RM' }]);
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('order.invalidState');
    await api.call('POST', `/api/purchase-orders/${o.body.no}/submit`, {
      token: planner,
      body: {},
    });
    const got = await receive(o.body.no, [
      { line: 1, qty: '400', warehouse: 'RM' },
      { line: 2, qty: '4', warehouse: 'RM' },
    ]);
    expect(got.status).toBe(201);
    expect(got.body.document.moves.map((m) => [m.item, m.qty, m.unitCost])).toEqual([
      ['BOLT', '400', { amount: 12345, scale: 6, currency: 'CNY' }],
      ['STEEL', '4', { amount: 475, scale: 2, currency: 'CNY' }],
    ]);
    // Received lines keep their item; received orders are not cancelled.
    const read = await api.call<PurchaseOrder>('GET', `/api/purchase-orders/${o.body.no}`, {
      token: planner,
    });
    expect(read.body.lines.map((l) => l.received)).toEqual(['400', '4']);
    const cancel = await api.call('POST', `/api/purchase-orders/${o.body.no}/cancel`, {
      token: planner,
      body: {},
    });
    expect(cancel.status).toBe(409);
    await api.call('POST', `/api/purchase-orders/${o.body.no}/lines/2/close`, {
      token: planner,
      body: {},
    });
    const closedLine = await receive(o.body.no, [{ line: 2, qty: '1', warehouse: 'RM' }]);
    expect(closedLine.status).toBe(400);
    const rest = await receive(o.body.no, [{ line: 1, qty: '600', warehouse: 'RM' }]);
    expect(rest.status).toBe(201);
    expect(rest.body.purchaseOrder.status).toBe('received');
    const done = await api.call<PurchaseOrder>('GET', `/api/purchase-orders/${o.body.no}`, {
      token: planner,
    });
    expect(done.body.status).toBe('closed');
  });
});
