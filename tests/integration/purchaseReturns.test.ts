import type {
  Page,
  PriceListEntry,
  PurchaseOrder,
  PurchaseReceipt,
  PurchaseReturn,
  StockDocument,
} from '@factory/shared';
import { getDeps } from '../../functions/src/deps.js';
import { mintShareToken } from '../../functions/src/usecases/share/links.js';
import { loadPlanningInput } from '../../functions/src/usecases/mrp/load.js';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { seedUsers } from './salesHarness.js';
import { testClock } from '../testClock.js';

let api: Api;
let planner: string;
let clerk: string;

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  await seedUsers();
  planner = await api.token('lina');
  clerk = await api.token('wangqiang');
  const res = await api.call('POST', '/api/price-lists', {
    token: planner,
    body: { supplier: 'S1', item: 'STEEL', unitPrice: '5.25', effectiveFrom: '2026-01-01' },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
});
afterEach(() => api.runtime.outbox.idle());
afterAll(() => api.close());

/** An open order: STEEL 100 kg at the list price ¥5.25, BOLT 1000 at a typed ¥0.012345. */
async function openOrder(): Promise<PurchaseOrder> {
  const o = await api.call<PurchaseOrder>('POST', '/api/purchase-orders', {
    token: planner,
    body: {
      supplier: 'S1',
      lines: [
        { item: 'STEEL', qty: '100', dueDate: '2026-12-20' },
        { item: 'BOLT', qty: '1000', unitPrice: '0.012345', dueDate: '2026-12-20' },
      ],
    },
  });
  expect(o.status).toBe(201);
  const open = await api.call<PurchaseOrder>('POST', `/api/purchase-orders/${o.body.no}/submit`, {
    token: planner,
    body: {},
  });
  expect(open.body.status).toBe('open');
  return open.body;
}

const receive = (no: string, lines: unknown[]) =>
  api.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
    token: clerk,
    body: { purchaseOrder: no, date: '2026-12-01', lines },
  });
const giveBack = (no: string, body: unknown, headers: Record<string, string> = {}, token = clerk) =>
  api.call<PurchaseReturn>('POST', `/api/purchase-orders/${no}/returns`, { token, body, headers });
const read = async (no: string) =>
  (await api.call<PurchaseOrder>('GET', `/api/purchase-orders/${no}`, { token: planner })).body;
const supply = async (no: string) =>
  (await loadPlanningInput(getDeps(), 'wwtest01', '2026-12-01', 60)).purchaseOrders
    .filter((p) => p.no === no)
    .map((p) => [p.item, p.qty]);
const balance = async (item: string, warehouse: string) => {
  const res = await api.call<Page<{ qty: string; status: string }>>(
    'GET',
    `/api/stock/balances?item=${item}&warehouse=${warehouse}&status=available`,
    { token: clerk },
  );
  return res.body.items[0]?.qty ?? '0';
};

describe('returns to the supplier (采购退货)', () => {
  it('a return after a partial receipt posts out at the receipt price and reopens the open quantity', async () => {
    const po = await openOrder();
    const got = await receive(po.no, [
      { line: 1, qty: '60', warehouse: 'RM' },
      { line: 2, qty: '400', warehouse: 'RM' },
    ]);
    expect(got.status).toBe(201);
    expect(got.body.document.moves[0]).toMatchObject({
      item: 'STEEL',
      qty: '60',
      unitCost: { amount: 525, scale: 2, currency: 'CNY' },
    });
    expect(await supply(po.no)).toEqual([
      ['STEEL', '40'],
      ['BOLT', '600'],
    ]);
    const rc = got.body.document.no;

    const ret = await giveBack(po.no, {
      date: '2026-12-02',
      reason: '表面划伤',
      lines: [
        { line: 1, receipt: rc, qty: '15.5' },
        { line: 2, receipt: rc, qty: '3' },
      ],
    });
    expect(ret.status).toBe(201);
    expect(ret.body).toMatchObject({
      purchaseOrder: po.no,
      supplier: 'S1',
      reason: '表面划伤',
      lines: [
        {
          line: 1,
          item: 'STEEL',
          itemName: '钢板',
          unit: 'kg',
          qty: '15.5',
          unitCost: { amount: 525, scale: 2 },
          amount: { amount: 8138 }, // 15.5 × 5.25 = 81.375 -> ¥81.38
          from: [{ warehouse: 'RM', status: 'available', qty: '15.5' }],
        },
        { line: 2, item: 'BOLT', qty: '3', amount: { amount: 4 } }, // 0.037035 -> ¥0.04
      ],
      amount: { amount: 8142, scale: 2, currency: 'CNY' },
    });
    expect(ret.body.no).toMatch(/^PR/);

    // The ledger: a receipt with negative quantities at the returned receipt's unit cost.
    const doc = await api.call<StockDocument>('GET', `/api/stock/documents/${ret.body.no}`, {
      token: clerk,
    });
    expect(doc.body).toMatchObject({ kind: 'receipt', reason: 'purchaseReturn', ref: po.no });
    expect(
      doc.body.moves.map((m) => [m.item, m.qty, m.unitCost?.amount, m.unitCost?.scale]),
    ).toEqual([
      ['STEEL', '-15.5', 525, 2],
      ['BOLT', '-3', 12345, 6],
    ]);
    expect(await balance('STEEL', 'RM')).toBe('44.5');

    // The order: received falls, the return is listed, MRP sees the open quantity again.
    const after = await read(po.no);
    expect(after.lines.map((l) => l.received)).toEqual(['44.5', '397']);
    expect(after.returns?.map((r) => r.no)).toEqual([ret.body.no]);
    expect(after.version).toBe(po.version + 1);
    const listed = await api.call<Page<PurchaseReturn>>(
      'GET',
      `/api/purchase-orders/${po.no}/returns`,
      { token: planner },
    );
    expect(listed.body.items.map((r) => r.no)).toEqual([ret.body.no]);
    expect(await supply(po.no)).toEqual([
      ['STEEL', '55.5'],
      ['BOLT', '603'],
    ]);
  });

  it('cannot return more than the receipt brought in less earlier returns; nothing is written', async () => {
    const po = await openOrder();
    const got = await receive(po.no, [{ line: 1, qty: '20', warehouse: 'RM' }]);
    const rc = got.body.document.no;
    expect(
      (await giveBack(po.no, { date: '2026-12-02', lines: [{ line: 1, receipt: rc, qty: '8' }] }))
        .status,
    ).toBe(201);
    const before = await balance('STEEL', 'RM');
    const over = await giveBack(po.no, {
      date: '2026-12-02',
      lines: [
        { line: 1, receipt: rc, qty: '12.001' },
        { line: 2, receipt: rc, qty: '1' }, // nothing of line 2 on that receipt
      ],
    });
    expect(over.status).toBe(400);
    expect(errorOf(over).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.lines.0.qty',
      'body.lines.1.receipt',
    ]);
    expect(errorOf(over).issues![0]!.message).toContain('可退数量 12');
    // Two lines against the same receipt add up.
    const twice = await giveBack(po.no, {
      date: '2026-12-02',
      lines: [
        { line: 1, receipt: rc, qty: '7' },
        { line: 1, receipt: rc, qty: '6' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(errorOf(twice).issues!.map((i) => i.path.join('.'))).toEqual(['body.lines.1.qty']);
    expect(await balance('STEEL', 'RM')).toBe(before);
    expect((await read(po.no)).lines[0]!.received).toBe('12');
  });

  it('refuses with 409 when the received stock is no longer there; nothing is written', async () => {
    const po = await openOrder();
    const got = await receive(po.no, [{ line: 2, qty: '50', warehouse: 'NEG' }]);
    const rc = got.body.document.no;
    // Bolts into RM, then all but 5 of RM's bolts issued away.
    const rm = await receive(po.no, [{ line: 2, qty: '30', warehouse: 'RM' }]);
    const issued = await api.call('POST', '/api/stock/issues', {
      token: clerk,
      body: {
        date: '2026-12-02',
        reason: 'other',
        lines: [
          { item: 'BOLT', warehouse: 'RM', qty: String(Number(await balance('BOLT', 'RM')) - 5) },
        ],
      },
    });
    expect(issued.status).toBe(201);
    const gone = await giveBack(po.no, {
      date: '2026-12-02',
      lines: [{ line: 2, receipt: rm.body.document.no, qty: '10' }],
    });
    expect(gone.status).toBe(409);
    expect(errorOf(gone).code).toBe('stock.insufficient');
    expect(errorOf(gone).message).toContain('BOLT');
    expect((await read(po.no)).lines[1]!.received).toBe('80');
    expect((await read(po.no)).returns).toBeUndefined();
    // From a warehouse that allows negative stock it goes out regardless.
    const neg = await giveBack(po.no, {
      date: '2026-12-02',
      lines: [{ line: 2, receipt: rc, qty: '10' }],
    });
    expect(neg.status).toBe(201);
  });

  it('is idempotent, tenant-isolated, and refused on orders not yet approved', async () => {
    const po = await openOrder();
    const got = await receive(po.no, [{ line: 1, qty: '10', warehouse: 'RM' }]);
    const body = {
      date: '2026-12-02',
      lines: [{ line: 1, receipt: got.body.document.no, qty: '1' }],
    };
    const headers = { 'idempotency-key': 'return-once' };
    const first = await giveBack(po.no, body, headers);
    const second = await giveBack(po.no, body, headers);
    expect(first.status).toBe(201);
    expect(second.headers.get('idempotent-replay')).toBe('true');
    expect(second.body.no).toBe(first.body.no);
    expect((await read(po.no)).lines[0]!.received).toBe('9');

    await seedBasics(api, 'wwother2');
    const other = await api.token('wangqiang', 'wwother2');
    const foreign = await giveBack(po.no, body, {}, other);
    expect(foreign.status).toBe(404);
    const foreignList = await api.call('GET', `/api/purchase-orders/${po.no}/returns`, {
      token: await api.token('lina', 'wwother2'),
    });
    expect(foreignList.status).toBe(404);

    const draft = await api.call<PurchaseOrder>('POST', '/api/purchase-orders', {
      token: planner,
      body: { supplier: 'S1', lines: [{ item: 'STEEL', qty: '1', dueDate: '2026-12-20' }] },
    });
    const early = await giveBack(draft.body.no, body);
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('purchaseOrder.invalidState');

    const bad = await giveBack(po.no, {
      date: 'tomorrow',
      lines: [{ line: 0, receipt: '', qty: '-1' }],
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining([
        'body.date',
        'body.lines.0.line',
        'body.lines.0.receipt',
        'body.lines.0.qty',
      ]),
    );
    const byWorker = await giveBack(po.no, body, {}, await api.token('chenjie'));
    expect(byWorker.status).toBe(403);
  });

  it('a closed line is not reopened; a fully received order is open again after a return', async () => {
    const po = await openOrder();
    const got = await receive(po.no, [
      { line: 1, qty: '100', warehouse: 'RM' },
      { line: 2, qty: '400', warehouse: 'RM' },
    ]);
    const rc = got.body.document.no;
    await api.call('POST', `/api/purchase-orders/${po.no}/lines/2/close`, {
      token: planner,
      body: {},
    });
    expect((await read(po.no)).status).toBe('closed');
    expect(await supply(po.no)).toEqual([]);

    const bolts = await giveBack(po.no, {
      date: '2026-12-02',
      lines: [{ line: 2, receipt: rc, qty: '100' }],
    });
    expect(bolts.status).toBe(201);
    const closedLine = await read(po.no);
    expect(closedLine.lines[1]).toMatchObject({ received: '300', closed: true });
    expect(closedLine.status).toBe('closed');
    expect(await supply(po.no)).toEqual([]);

    const steel = await giveBack(po.no, {
      date: '2026-12-02',
      lines: [{ line: 1, receipt: rc, qty: '2.5' }],
    });
    expect(steel.status).toBe(201);
    expect((await read(po.no)).status).toBe('open');
    expect(await supply(po.no)).toEqual([['STEEL', '2.5']]);
    // And it can be received again.
    const again = await receive(po.no, [{ line: 1, qty: '2.5', warehouse: 'RM' }]);
    expect(again.status).toBe(201);
    expect((await read(po.no)).status).toBe('closed');
  });
});

describe('price list changes and search by item', () => {
  it('updates and deletes an entry; orders already priced keep their prices', async () => {
    const add = await api.call<PriceListEntry>('POST', '/api/price-lists', {
      token: planner,
      body: {
        supplier: 'S1',
        item: 'BOLT',
        unitPrice: '0.1',
        minQty: '500',
        effectiveFrom: '2026-06-01',
      },
    });
    expect(add.status).toBe(201);
    const path = '/api/price-lists/S1/BOLT/2026-06-01/500';
    const o = await api.call<PurchaseOrder>('POST', '/api/purchase-orders', {
      token: planner,
      body: { supplier: 'S1', lines: [{ item: 'BOLT', qty: '600', dueDate: '2026-12-20' }] },
    });
    expect(o.body.lines[0]!.unitPrice).toBe('0.1');

    const changed = await api.call<PriceListEntry>('PATCH', path, {
      token: planner,
      body: { unitPrice: '0.09', effectiveTo: '2026-12-31', vatRate: '0.09' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      unitPrice: '0.09',
      effectiveTo: '2026-12-31',
      vatRate: '0.09',
      updatedBy: 'lina',
    });
    const cleared = await api.call<PriceListEntry>('PATCH', path, {
      token: planner,
      body: { effectiveTo: null, vatRate: null },
    });
    expect(cleared.body.effectiveTo).toBeUndefined();
    expect(cleared.body.vatRate).toBeUndefined();
    expect((await read(o.body.no)).lines[0]!.unitPrice).toBe('0.1');
    const n = await api.call<PurchaseOrder>('POST', '/api/purchase-orders', {
      token: planner,
      body: { supplier: 'S1', lines: [{ item: 'BOLT', qty: '600', dueDate: '2026-12-20' }] },
    });
    expect(n.body.lines[0]!.unitPrice).toBe('0.09');

    const bad = await api.call('PATCH', path, {
      token: planner,
      body: { unitPrice: '1.1234567', effectiveTo: '2026-01-01' },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(['body.unitPrice']);
    const early = await api.call('PATCH', path, {
      token: planner,
      body: { effectiveTo: '2026-01-01' },
    });
    expect(early.status).toBe(400);
    expect(errorOf(early).issues!.map((i) => i.path.join('.'))).toEqual(['body.effectiveTo']);
    const empty = await api.call('PATCH', path, { token: planner, body: {} });
    expect(empty.status).toBe(400);
    const badPath = await api.call('PATCH', '/api/price-lists/S1/BOLT/someday/x', {
      token: planner,
      body: { unitPrice: '1' },
    });
    expect(badPath.status).toBe(400);
    expect([...new Set(errorOf(badPath).issues!.map((i) => i.path.join('.')))]).toEqual([
      'params.effectiveFrom',
      'params.minQty',
    ]);

    const byWarehouse = await api.call('DELETE', path, { token: clerk });
    expect(byWarehouse.status).toBe(403);
    const gone = await api.call('DELETE', path, { token: planner });
    expect(gone.status).toBe(200);
    expect(gone.body).toMatchObject({ deleted: true, minQty: '500' });
    const again = await api.call('DELETE', path, { token: planner });
    expect(again.status).toBe(404);
    const missing = await api.call('PATCH', path, { token: planner, body: { unitPrice: '1' } });
    expect(missing.status).toBe(404);
  });

  it('lists orders with a line of an item', async () => {
    const withBolt = await openOrder();
    const steelOnly = await api.call<PurchaseOrder>('POST', '/api/purchase-orders', {
      token: planner,
      body: { supplier: 'S1', lines: [{ item: 'STEEL', qty: '3', dueDate: '2026-12-20' }] },
    });
    const bolts = await api.call<Page<PurchaseOrder>>(
      'GET',
      '/api/purchase-orders?item=BOLT&limit=200',
      { token: planner },
    );
    const nos = bolts.body.items.map((o) => o.no);
    expect(nos).toContain(withBolt.no);
    expect(nos).not.toContain(steelOnly.body.no);
    expect(bolts.body.items.every((o) => o.lines.some((l) => l.item === 'BOLT'))).toBe(true);
    // Paged: one at a time, every page holds a match.
    const one = await api.call<Page<PurchaseOrder>>(
      'GET',
      '/api/purchase-orders?item=BOLT&limit=1',
      {
        token: planner,
      },
    );
    expect(one.body.items).toHaveLength(1);
    expect(one.body.items[0]!.lines.some((l) => l.item === 'BOLT')).toBe(true);
    const bad = await api.call('GET', '/api/purchase-orders?item=', { token: planner });
    expect(bad.status).toBe(400);
  });
});

describe('the order for the supplier: a share page', () => {
  it('an approved order gets a link; the page shows names, units, prices, VAT and totals, escaped', async () => {
    const o = await api.call<PurchaseOrder>('POST', '/api/purchase-orders', {
      token: planner,
      body: {
        supplier: 'S1',
        remark: '<script>alert(1)</script> & 送货请预约',
        lines: [
          { item: 'STEEL', qty: '12.5', dueDate: '2026-12-20', note: '"切割" <b>' },
          {
            item: 'BOLT',
            qty: '1000',
            unitPrice: '0.012345',
            vatRate: '0.09',
            dueDate: '2026-12-21',
          },
        ],
      },
    });
    const draft = await api.call('POST', `/api/purchase-orders/${o.body.no}/share`, {
      token: planner,
      body: {},
    });
    expect(draft.status).toBe(409);
    expect(errorOf(draft).code).toBe('purchaseOrder.invalidState');
    await api.call('POST', `/api/purchase-orders/${o.body.no}/submit`, {
      token: planner,
      body: {},
    });

    const share = await api.call<{ url: string; expiresAt: string; purchaseOrder: string }>(
      'POST',
      `/api/purchase-orders/${o.body.no}/share`,
      { token: planner, body: { days: 3 } },
    );
    expect(share.status).toBe(201);
    expect(share.body.url).toMatch(/^\/share\/purchase-orders\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(share.body.expiresAt) - testClock().now().getTime()).toBeGreaterThan(
      2.9 * 86_400_000,
    );

    const page = await fetch(`${api.url}${share.body.url}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain(`采购订单 ${o.body.no}`);
    expect(html).toContain('供应商一（S1）');
    expect(html).toContain('钢板');
    expect(html).toContain('千克'); // the unit's name, not its code
    expect(html).toContain('个');
    expect(html).toContain('¥5.25');
    expect(html).toContain('¥0.012345');
    expect(html).toContain('9%');
    expect(html).toContain('13%');
    // 12.5 × 5.25 = 65.63 (+8.53); 1000 × 0.012345 = 12.35 (+1.11): ¥77.98, ¥9.64, ¥87.62
    expect(html).toContain('¥77.98');
    expect(html).toContain('¥9.64');
    expect(html).toContain('¥87.62');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 送货请预约');
    expect(html).toContain('&quot;切割&quot; &lt;b&gt;');

    // A forged signature, a delivery note's token for this order, a link past its time: the
    // same 404 page.
    const [payload] = share.body.url.split('/').pop()!.split('.');
    const link = { tenant: 'wwtest01', no: o.body.no };
    const future = new Date(testClock().now().getTime() + 86_400_000);
    for (const bad of [
      `${payload}.${'A'.repeat(43)}`,
      await mintShareToken(getDeps(), 'delivery', { ...link, expiresAt: future }),
    ]) {
      const res = await fetch(`${api.url}/share/purchase-orders/${bad}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('链接无效或已过期');
    }
    const past = await mintShareToken(getDeps(), 'purchaseOrder', {
      ...link,
      expiresAt: new Date(testClock().now().getTime() - 1000),
    });
    const expired = await fetch(`${api.url}/share/purchase-orders/${past}`);
    expect(expired.status).toBe(404);
    const malformed = await fetch(`${api.url}/share/purchase-orders/nope`);
    expect(malformed.status).toBe(400);
    // Read-only: nothing but GET.
    const post = await fetch(`${api.url}${share.body.url}`, { method: 'POST' });
    expect(post.status).toBeGreaterThanOrEqual(400);

    const byClerk = await api.call('POST', `/api/purchase-orders/${o.body.no}/share`, {
      token: clerk,
      body: {},
    });
    expect(byClerk.status).toBe(403);
    const tooLong = await api.call('POST', `/api/purchase-orders/${o.body.no}/share`, {
      token: planner,
      body: { days: 31 },
    });
    expect(tooLong.status).toBe(400);
    expect(errorOf(tooLong).issues!.map((i) => i.path.join('.'))).toEqual(['body.days']);
  });
});
