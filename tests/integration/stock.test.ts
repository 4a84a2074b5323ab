import type { Page, StockDocument, Balance } from '@factory/shared';
import { errorOf, seedBasics, startApi, type Api } from './harness.js';
import { allMoves, balanceQty, expectLedgerBalances } from './ledger.js';

let api: Api;
let clerk: string;

const day = '2026-11-25';

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api);
  clerk = await api.token('wangqiang');
});
afterAll(() => api.close());

const receive = (lines: unknown[], headers?: Record<string, string>) =>
  api.call<StockDocument>('POST', '/api/stock/receipts', {
    token: clerk,
    headers,
    body: { date: day, reason: 'purchase', partner: 'S1', lines },
  });
const issue = (lines: unknown[], headers?: Record<string, string>) =>
  api.call<StockDocument>('POST', '/api/stock/issues', {
    token: clerk,
    headers,
    body: { date: day, reason: 'production', ref: 'MO-1', lines },
  });

describe('stock ledger', () => {
  it('posts a receipt with exact decimals and numbers the document', async () => {
    const res = await receive([
      {
        item: 'STEEL',
        warehouse: 'RM',
        qty: '0.1',
        unitCost: { amount: 1250, scale: 2, currency: 'CNY' },
      },
      { item: 'STEEL', warehouse: 'RM', qty: '0.2' },
    ]);
    expect(res.status).toBe(201);
    expect(res.body.no).toMatch(/^RC-\d{8}-\d{4}$/);
    expect(res.body.status).toBe('posted');
    expect(await balanceQty(api, clerk, 'STEEL', 'RM')).toBe('0.3');
    const doc = await api.call<StockDocument>('GET', `/api/stock/documents/${res.body.no}`, {
      token: clerk,
    });
    expect(doc.body).toEqual(res.body);
    await expectLedgerBalances(api, clerk, 'STEEL');
  });

  it('receives items that need inspection into inspection status', async () => {
    await receive([{ item: 'MOTOR', warehouse: 'RM', qty: '5' }]);
    expect(await balanceQty(api, clerk, 'MOTOR', 'RM', 'inspection')).toBe('5');
    expect(await balanceQty(api, clerk, 'MOTOR', 'RM', 'available')).toBe('0');
  });

  it('refuses an issue beyond the balance with stock.insufficient naming item, warehouse, available and requested', async () => {
    await receive([{ item: 'BOLT', warehouse: 'RM', qty: '10' }]);
    const res = await issue([{ item: 'BOLT', warehouse: 'RM', qty: '11' }]);
    expect(res.status).toBe(409);
    const err = errorOf(res);
    expect(err.code).toBe('stock.insufficient');
    expect(err.details).toMatchObject({
      item: 'BOLT',
      warehouse: 'RM',
      available: '10',
      requested: '11',
    });
    expect(await balanceQty(api, clerk, 'BOLT', 'RM')).toBe('10');
  });

  it('refuses the whole document when one line is short, and lists every shortage', async () => {
    const before = (await allMoves(api, clerk, 'STEEL')).length;
    const res = await issue([
      { item: 'STEEL', warehouse: 'RM', qty: '0.1' },
      { item: 'BOLT', warehouse: 'RM', qty: '50' },
      { item: 'BOLT', warehouse: 'FG', qty: '1' },
    ]);
    expect(res.status).toBe(409);
    const shortages = errorOf(res).details!.shortages as { warehouse: string; available: string }[];
    expect(shortages.map((s) => `${s.warehouse}:${s.available}`).sort()).toEqual(['FG:0', 'RM:10']);
    expect(await balanceQty(api, clerk, 'STEEL', 'RM')).toBe('0.3');
    expect((await allMoves(api, clerk, 'STEEL')).length).toBe(before);
  });

  it('nets two lines of the same balance before checking it', async () => {
    const res = await issue([
      { item: 'BOLT', warehouse: 'RM', qty: '6' },
      { item: 'BOLT', warehouse: 'RM', qty: '6' },
    ]);
    expect(res.status).toBe(409);
    expect(errorOf(res).details).toMatchObject({ available: '10', requested: '12' });
  });

  it('lets a warehouse that allows negative stock go below zero', async () => {
    const res = await issue([{ item: 'BOLT', warehouse: 'NEG', qty: '3' }]);
    expect(res.status).toBe(201);
    expect(await balanceQty(api, clerk, 'BOLT', 'NEG')).toBe('-3');
  });

  it('transfers between warehouses; stock waiting for inspection moves, its status does not', async () => {
    const released = await api.call('POST', '/api/stock/transfers', {
      token: clerk,
      body: {
        date: day,
        lines: [
          {
            item: 'MOTOR',
            fromWarehouse: 'RM',
            toWarehouse: 'RM',
            status: 'inspection',
            toStatus: 'available',
            qty: '2',
          },
          {
            item: 'MOTOR',
            fromWarehouse: 'RM',
            toWarehouse: 'RM',
            status: 'rejected',
            toStatus: 'available',
            qty: '1',
          },
        ],
      },
    });
    expect(released.status).toBe(400);
    expect(errorOf(released).issues).toEqual([
      {
        path: ['body', 'lines', 0, 'toStatus'],
        message: '待检库存只能由检验结果放行，不能手工改状态',
      },
      {
        path: ['body', 'lines', 1, 'toStatus'],
        message: '不合格品只能通过处置（退货、报废、返修、让步接收）处理，不能手工改状态',
      },
    ]);
    const t = await api.call<StockDocument>('POST', '/api/stock/transfers', {
      token: clerk,
      body: {
        date: day,
        lines: [
          { item: 'BOLT', fromWarehouse: 'RM', toWarehouse: 'FG', qty: '4' },
          { item: 'MOTOR', fromWarehouse: 'RM', toWarehouse: 'FG', status: 'inspection', qty: '2' },
        ],
      },
    });
    expect(t.status).toBe(201);
    expect(t.body.moves).toHaveLength(4);
    expect(await balanceQty(api, clerk, 'BOLT', 'RM')).toBe('6');
    expect(await balanceQty(api, clerk, 'BOLT', 'FG')).toBe('4');
    expect(await balanceQty(api, clerk, 'MOTOR', 'FG', 'inspection')).toBe('2');
    expect(await balanceQty(api, clerk, 'MOTOR', 'RM', 'inspection')).toBe('3');
    await expectLedgerBalances(api, clerk, 'BOLT');
    await expectLedgerBalances(api, clerk, 'MOTOR');
  });

  it('adjusts to the counted quantity', async () => {
    const res = await api.call<StockDocument>('POST', '/api/stock/adjustments', {
      token: clerk,
      body: {
        date: day,
        note: '月末盘点',
        lines: [
          { item: 'BOLT', warehouse: 'RM', countedQty: '5' },
          { item: 'STEEL', warehouse: 'FG', countedQty: '1.25' },
          { item: 'BOLT', warehouse: 'FG', countedQty: '4' },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.moves.map((m) => `${m.item}@${m.warehouse}:${m.qty}`)).toEqual([
      'BOLT@RM:-1',
      'STEEL@FG:1.25',
    ]);
    expect(await balanceQty(api, clerk, 'BOLT', 'RM')).toBe('5');
    expect(await balanceQty(api, clerk, 'STEEL', 'FG')).toBe('1.25');
  });

  it('reports bad lines with their paths and posts nothing', async () => {
    const res = await issue([
      { item: 'NOPE', warehouse: 'RM', qty: '1' },
      { item: 'BOLT', warehouse: 'NOWHERE', qty: '1.5' },
      { item: 'PH1', warehouse: 'RM', qty: '1' },
      { item: 'BOLT', warehouse: 'RM', qty: '-1' },
    ]);
    expect(res.status).toBe(400);
    expect(errorOf(res).issues!.map((i) => i.path.join('.'))).toEqual(['body.lines.3.qty']);
    const semantic = await issue([
      { item: 'NOPE', warehouse: 'RM', qty: '1' },
      { item: 'BOLT', warehouse: 'NOWHERE', qty: '1.5' },
      { item: 'PH1', warehouse: 'RM', qty: '1' },
    ]);
    expect(semantic.status).toBe(400);
    expect(errorOf(semantic).issues!.map((i) => i.path.join('.'))).toEqual([
      'body.lines.0.item',
      'body.lines.1.warehouse',
      'body.lines.1.qty',
    ]);
  });

  it('a phantom may hold stock: leftovers come back as a return and are issued; it is never bought', async () => {
    const bought = await receive([{ item: 'PH1', warehouse: 'FG', qty: '2' }]);
    expect(bought.status).toBe(400);
    expect(errorOf(bought).issues!.map((i) => i.path.join('.'))).toEqual(['body.lines.0.item']);
    const returned = await api.call<StockDocument>('POST', '/api/stock/receipts', {
      token: clerk,
      body: { date: day, reason: 'return', lines: [{ item: 'PH1', warehouse: 'FG', qty: '3' }] },
    });
    expect(returned.status).toBe(201);
    expect((await issue([{ item: 'PH1', warehouse: 'FG', qty: '1' }])).status).toBe(201);
    expect(await balanceQty(api, clerk, 'PH1', 'FG')).toBe('2');
    await expectLedgerBalances(api, clerk, 'PH1');
  });

  it('refuses a quantity outside the range (the receipt that used to stop MRP) and posts nothing', async () => {
    const before = await balanceQty(api, clerk, 'BOLT', 'RM');
    const res = await receive([
      { item: 'BOLT', warehouse: 'RM', qty: '999999999999999999' },
      { item: 'STEEL', warehouse: 'RM', qty: '0.0000001' },
      { item: 'STEEL', warehouse: 'RM', qty: '999999999999.999' },
    ]);
    expect(res.status).toBe(400);
    expect(errorOf(res).issues!.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['body.lines.0.qty', '超出范围：最多 12 位整数、6 位小数'],
      ['body.lines.1.qty', '超出范围：最多 12 位整数、6 位小数'],
    ]);
    expect(await balanceQty(api, clerk, 'BOLT', 'RM')).toBe(before);
  });

  it('answers stock inquiries by item and by warehouse', async () => {
    const byWarehouse = await api.call<Page<Balance>>('GET', '/api/stock/balances?warehouse=RM', {
      token: clerk,
    });
    expect(byWarehouse.body.items.map((b) => `${b.item}:${b.status}`)).toEqual([
      'BOLT:available',
      'MOTOR:inspection',
      'STEEL:available',
    ]);
    const missing = await api.call('GET', '/api/stock/balances', { token: clerk });
    expect(missing.status).toBe(400);
    const other = await api.call<Page<Balance>>('GET', '/api/stock/balances?warehouse=RM', {
      token: await api.token('wangqiang', 'wwother99'),
    });
    expect(other.body.items).toEqual([]);
  });

  it('posts an idempotent issue once, however often it is retried', async () => {
    const headers = { 'idempotency-key': 'issue-retry-0001' };
    const line = [{ item: 'BOLT', warehouse: 'RM', qty: '1' }];
    const results = await Promise.all([issue(line, headers), issue(line, headers)]);
    const later = await issue(line, headers);
    const ok = [...results, later].filter((r) => r.status === 201);
    expect(new Set(ok.map((r) => r.body.no)).size).toBe(1);
    for (const r of results) expect([201, 409]).toContain(r.status);
    expect(later.status).toBe(201);
    expect(await balanceQty(api, clerk, 'BOLT', 'RM')).toBe('4');
    const other = await issue([{ item: 'BOLT', warehouse: 'RM', qty: '2' }], headers);
    expect(errorOf(other).code).toBe('idempotency.keyReused');
  });
});

describe('large documents', () => {
  const items = Array.from({ length: 130 }, (_, i) => `BULK-${String(i).padStart(3, '0')}`);

  beforeAll(async () => {
    const admin = await api.token('admin');
    for (const code of items) {
      const res = await api.call('POST', '/api/items', {
        token: admin,
        body: { code, name: `批量物料${code}`, unit: 'pcs', precision: 0, source: 'purchased' },
      });
      expect(res.status).toBe(201);
    }
  });

  it('posts a 130-line receipt across several transactions, moves and balances agreeing', async () => {
    const res = await receive(items.map((item) => ({ item, warehouse: 'RM', qty: '3' })));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('posted');
    const doc = await api.call<StockDocument>('GET', `/api/stock/documents/${res.body.no}`, {
      token: clerk,
    });
    expect(doc.body.status).toBe('posted');
    for (const item of [items[0]!, items[77]!, items[129]!]) {
      expect(await balanceQty(api, clerk, item, 'RM')).toBe('3');
      await expectLedgerBalances(api, clerk, item);
    }
  });

  it('undoes the chunks already posted when a later chunk is short, leaving every balance as it was', async () => {
    // The last item has only 3: the guarded decrement of that line fails in a later chunk.
    const lines = items.map((item, i) => ({ item, warehouse: 'RM', qty: i === 129 ? '4' : '2' }));
    const res = await issue(lines);
    expect(res.status).toBe(409);
    expect(errorOf(res).details).toMatchObject({
      item: items[129],
      available: '3',
      requested: '4',
    });
    for (const item of [items[0]!, items[50]!, items[128]!, items[129]!]) {
      expect(await balanceQty(api, clerk, item, 'RM')).toBe('3');
      await expectLedgerBalances(api, clerk, item);
    }
  });
});
