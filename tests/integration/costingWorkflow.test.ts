import type { CostingPeriodRecord, CostReport, OrderCostDetail } from '@factory/shared';
import ExcelJS from 'exceljs';
import { errorOf, startApi, type Api } from './harness.js';
import { idem, importFactory } from './shopfloorHarness.js';
import { costItem, importCostingFactory, postCostingMonth, poster } from './costingHarness.js';

/**
 * Monthly costing over the local runtime (issue 15): a month posted through the API, costed by
 * the workflow, its report read (per product, order, item, pool; drilled down; exported), the
 * period closed, a posting into it refused, reopened by a manager and accepted again. The
 * numbers are the hand-worked month of costingLedger.test.ts.
 */
const T = 'wwcostwf01';
let api: Api;
let cost: string; // 孙丽（成本会计）
let manager: string;
let admin: string;

const call = <T>(method: string, path: string, token: string, body?: unknown) =>
  api.call<T>(method, path, {
    token,
    ...(method === 'GET' ? {} : { headers: idem() }),
    ...(body !== undefined ? { body } : {}),
  });

const post = (path: string, body: Record<string, unknown>, date: string) =>
  poster(api, () => admin)(path, body, date);

const scrap = (date: string) =>
  call('POST', '/api/stock/issues', admin, {
    date,
    reason: 'scrap',
    lines: [{ item: 'RM1', warehouse: 'RM', qty: '1' }],
  });

/** Starts costing and waits for the run to finish; the period as it then is. */
async function costed(period: string, tenantToken = cost): Promise<CostingPeriodRecord> {
  const started = await call<CostingPeriodRecord>(
    'POST',
    `/api/costing/periods/${period}/runs`,
    tenantToken,
  );
  expect(started.status).toBe(202);
  expect(started.body.run?.status).toBe('running');
  for (let i = 0; i < 600; i++) {
    const res = await call<CostingPeriodRecord>(
      'GET',
      `/api/costing/periods/${period}`,
      tenantToken,
    );
    if (res.body.run?.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('costing did not finish');
}

let orderNo: string;

type OutboxMessage = { id: string; kind: string; recipients: string[]; summary: string };

/** The tenant's costing notices in any state (one listed twice while it changes state once). */
async function costingNotices(token: string): Promise<OutboxMessage[]> {
  const found = new Map<string, OutboxMessage>();
  for (const status of ['pending', 'delivered', 'failed']) {
    const page = await call<{ items: OutboxMessage[] }>(
      'GET',
      `/api/outbox?status=${status}`,
      token,
    );
    for (const m of page.body.items) if (m.kind === 'costingNotice') found.set(m.id, m);
  }
  return [...found.values()];
}

beforeAll(async () => {
  api = await startApi();
  await importCostingFactory(api, T);
  [cost, manager, admin] = await Promise.all([
    api.token('sunli', T),
    api.token('zhoujun', T),
    api.token('admin', T),
  ]);
  orderNo = await postCostingMonth(api, admin);
});
afterAll(() => api.close());

describe('pools and entries', () => {
  it('defines pools and takes entries, each with its source', async () => {
    const labour = await call('PUT', '/api/costing/pools/labour', cost, {
      name: '直接人工',
      basis: 'hours',
    });
    expect(labour.status).toBe(200);
    await call('PUT', '/api/costing/pools/overhead', cost, { name: '制造费用', basis: 'quantity' });
    const entry = await call<{ id: string; source: { kind: string } }>(
      'POST',
      '/api/costing/periods/2026-11/expenses',
      cost,
      { pool: 'labour', amount: '1200.00', date: '2026-11-30', note: '11月工资' },
    );
    expect(entry.status).toBe(201);
    expect(entry.body.source).toEqual({ kind: 'entered' });
    // A reversal of part of it.
    await call('POST', '/api/costing/periods/2026-11/expenses', cost, {
      pool: 'labour',
      amount: '-200.00',
      date: '2026-11-30',
      note: '冲回多计',
    });
    const list = await call<{ amount: string }[]>(
      'GET',
      '/api/costing/periods/2026-11/expenses?pool=labour',
      cost,
    );
    expect(list.body.map((e) => e.amount)).toEqual(['1200.00', '-200.00']);
  });

  it('refuses bad entries, naming each field, and writes nothing', async () => {
    const bad = await call('POST', '/api/costing/periods/2026-11/expenses', cost, {
      pool: 'nosuch',
      amount: '12.345',
      date: '2026-12-01',
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(['body.amount']);
    const unknown = await call('POST', '/api/costing/periods/2026-11/expenses', cost, {
      pool: 'nosuch',
      amount: '0.00',
      date: '2026-12-01',
    });
    expect(errorOf(unknown).issues!.map((i) => i.path.join('.'))).toEqual(['body.amount']);
    const outside = await call('POST', '/api/costing/periods/2026-11/expenses', cost, {
      pool: 'nosuch',
      amount: '10.00',
      date: '2026-12-01',
    });
    expect(outside.status).toBe(400);
    expect(
      errorOf(outside)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['body.date', 'body.pool']);
    const badPeriod = await call('GET', '/api/costing/periods/2026-13', cost);
    expect(badPeriod.status).toBe(400);
    expect(errorOf(badPeriod).issues!.map((i) => i.path.join('.'))).toEqual(['params.period']);
    const badBasis = await call('PUT', '/api/costing/pools/x1', cost, { name: 'X', basis: 'area' });
    expect(errorOf(badBasis).issues!.map((i) => i.path.join('.'))).toEqual(['body.basis']);
    const worker = await call(
      'POST',
      '/api/costing/periods/2026-11/runs',
      await api.token('chenjie', T),
    );
    expect(worker.status).toBe(403);
    const list = await call<unknown[]>('GET', '/api/costing/periods/2026-11/expenses', cost);
    expect(list.body).toHaveLength(2);
  });
});

describe('the costing workflow', () => {
  it('costs the month, reports it to the cent, drills down and exports', async () => {
    const period = await costed('2026-11');
    expect(period.status).toBe('costed');
    expect(period.run?.status).toBe('completed');
    expect(period.run?.steps.map((s) => s.name)).toEqual(['load', 'compute', 'write', 'notify']);
    expect(period.run?.counts).toMatchObject({ moves: 8, orders: 1 });
    // The requester is told in WeCom, through the outbox.
    const notices = await costingNotices(admin);
    expect(notices).toEqual([
      expect.objectContaining({ recipients: ['sunli'], summary: '成本核算完成：2026-11' }),
    ]);

    const report = await call<CostReport>('GET', '/api/costing/periods/2026-11/report', manager);
    expect(report.status).toBe(200);
    expect(report.body.items.find((i) => i.item === 'RM1')).toMatchObject({
      name: '物料RM1',
      receiptValue: '1550.00',
      outValue: '299.67',
      closingValue: '1250.33',
    });
    expect(report.body.orders).toEqual([
      expect.objectContaining({
        no: orderNo,
        material: '294.34',
        pools: { labour: '1000.00', overhead: '0.00' },
        completed: '1294.34',
        unitCost: '129.4340',
      }),
    ]);
    expect(report.body.pools).toEqual([
      expect.objectContaining({
        code: 'labour',
        name: '直接人工',
        amount: '1000.00',
        unallocated: '0.00',
      }),
      // Quantity basis: the order received 10 (coefficient 1), but no overhead was entered.
      expect.objectContaining({ code: 'overhead', amount: '0.00', allocated: '0.00' }),
    ]);
    expect(report.body.products).toEqual([
      expect.objectContaining({
        item: 'FG1',
        received: '10',
        completed: '1294.34',
        unitCost: '129.4340',
        elements: {
          openingWip: '0.00',
          material: '294.34',
          pools: { labour: '1000.00', overhead: '0.00' },
          outsourcingFee: '0.00',
        },
        deliveredQty: '4',
        // 1294.34 over the delivery 4 and closing 6: 517.736 → 517.74 (the larger remainder).
        deliveredCost: '517.74',
        // A stock issue carries no sales price.
        salesAmount: '0.00',
        salesUnitPrice: null,
        marginRate: null,
        // One level: nothing to restore, the composition is the order's own.
        restored: {
          material: '294.34',
          pools: { labour: '1000.00', overhead: '0.00' },
          outsourcingFee: '0.00',
        },
      }),
    ]);
    expect(report.body.reconciliation.difference).toBe('0.00');

    const detail = await call<OrderCostDetail>(
      'GET',
      `/api/costing/periods/2026-11/orders/${orderNo}`,
      cost,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.materials).toEqual([
      { item: 'BF', name: '物料BF', qty: '10', value: '5.00' },
      { item: 'RM1', name: '物料RM1', qty: '28', value: '289.34' },
    ]);
    expect(detail.body.lines.map((l) => [l.kind, l.item, l.qty, l.date])).toEqual([
      ['issue', 'RM1', '30', '2026-11-04'],
      ['issue', 'RM1', '-2', '2026-11-05'],
      ['consume', 'BF', '10', '2026-11-06'],
    ]);
    // The receipt at its computed cost: the whole output (one receipt of 10).
    expect(detail.body.receipts).toEqual([
      expect.objectContaining({ item: 'FG1', qty: '10', value: '1294.34', date: '2026-11-06' }),
    ]);
    const missing = await call('GET', '/api/costing/periods/2026-11/orders/MO-NONE', cost);
    expect(missing.status).toBe(404);

    const xlsx = await fetch(`${api.url}/api/costing/periods/2026-11/report.xlsx`, {
      headers: { authorization: `Bearer ${cost}` },
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const products = wb.getWorksheet('产品成本')!;
    expect(products.getRow(2).values).toEqual(
      expect.arrayContaining(['FG1', '物料FG1', '10', '1294.34', '129.4340']),
    );
    expect(wb.getWorksheet('订单成本')!.getRow(2).getCell(1).value).toBe(orderNo);
    expect(wb.getWorksheet('勾稽')!.getRow(4).values).toEqual([undefined, '差额', '0.00']);

    const trend = await call<{ periods: { period: string }[] }>(
      'GET',
      '/api/costing/products?from=2026-10&to=2026-12',
      manager,
    );
    expect(trend.body.periods.map((p) => p.period)).toEqual(['2026-11']);
    // A period not costed has no report.
    expect((await call('GET', '/api/costing/periods/2026-12/report', cost)).status).toBe(404);
  });

  it('is repeatable until closed: a late posting changes the next run', async () => {
    expect((await scrap('2026-11-27')).status).toBe(201);
    const again = await costed('2026-11');
    expect(again.status).toBe('costed');
    const report = await call<CostReport>('GET', '/api/costing/periods/2026-11/report', cost);
    expect(report.body.items.find((i) => i.item === 'RM1')!.closingQty).toBe('120');
    expect(report.body.reconciliation.difference).toBe('0.00');
  });

  it('refuses a later period while an earlier one is open', async () => {
    const dec = await call('POST', '/api/costing/periods/2026-12/runs', cost);
    expect(dec.status).toBe(409);
    expect(errorOf(dec).code).toBe('costing.invalidState');
    expect(errorOf(dec).message).toContain('2026-11');
  });
});

describe('closing and reopening', () => {
  it('closes the period: postings and entries dated in it are refused, later ones are not', async () => {
    const closed = await call<CostingPeriodRecord>(
      'POST',
      '/api/costing/periods/2026-11/close',
      cost,
    );
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');

    const late = await scrap('2026-11-28');
    expect(late.status).toBe(409);
    expect(errorOf(late).code).toBe('costing.periodClosed');
    const expense = await call('POST', '/api/costing/periods/2026-11/expenses', cost, {
      pool: 'labour',
      amount: '5.00',
      date: '2026-11-30',
    });
    expect(errorOf(expense).code).toBe('costing.periodClosed');
    const hours = await call('POST', '/api/work-reports', admin, {
      taskOrder: orderNo,
      date: '2026-11-29',
      good: '0',
      scrap: '0',
      hours: '1',
    });
    expect(errorOf(hours).code).toBe('costing.periodClosed');
    expect((await scrap('2026-12-01')).status).toBe(201);

    const recost = await call('POST', '/api/costing/periods/2026-11/runs', cost);
    expect(errorOf(recost).code).toBe('costing.invalidState');
    // An order that only reports hours in December still takes its labour (and keeps it in
    // WIP: nothing received, 5 still to make).
    const started = await call<{ no: string }>('POST', '/api/task-orders', admin, {
      item: 'FG1',
      qty: '5',
      startDate: '2026-12-02',
      dueDate: '2026-12-20',
    });
    await post(
      '/api/work-reports',
      { taskOrder: started.body.no, good: '0', scrap: '0', hours: '3' },
      '2026-12-03',
    );
    await call('POST', '/api/costing/periods/2026-12/expenses', cost, {
      pool: 'labour',
      amount: '60.00',
      date: '2026-12-31',
    });
    // December opens with November's closing.
    const dec = await costed('2026-12');
    expect(dec.run?.status).toBe('completed');
    const report = await call<CostReport>('GET', '/api/costing/periods/2026-12/report', cost);
    expect(report.body.items.find((i) => i.item === 'RM1')).toMatchObject({
      openingQty: '120',
      closingQty: '119',
    });
    expect(report.body.orders).toEqual([
      expect.objectContaining({
        no: started.body.no,
        received: '0',
        pools: { labour: '60.00', overhead: '0.00' },
        closingWip: '60.00',
        unitCost: null,
      }),
    ]);
  });

  it('reopens the latest closed period only, and only a manager', async () => {
    const byCost = await call('POST', '/api/costing/periods/2026-11/reopen', cost);
    expect(byCost.status).toBe(403);
    const notClosed = await call('POST', '/api/costing/periods/2026-12/reopen', manager);
    expect(errorOf(notClosed).code).toBe('costing.invalidState');
    const reopened = await call<CostingPeriodRecord>(
      'POST',
      '/api/costing/periods/2026-11/reopen',
      manager,
    );
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('costed');
    expect((await scrap('2026-11-28')).status).toBe(201);
    // The report no longer covers that posting: closing again asks for a new costing.
    const stale = await call('POST', '/api/costing/periods/2026-11/close', cost);
    expect(errorOf(stale).code).toBe('costing.invalidState');
    expect(errorOf(stale).message).toContain('重新核算');
    expect((await scrap('2026-11-29')).status).toBe(201);
  });
});

describe('a run that fails', () => {
  it('records the error on the period and tells the requester', async () => {
    const T2 = 'wwcostwf02';
    await importFactory(api, T2, {
      format: 'factory/1',
      runDate: '2026-10-15',
      warehouses: [{ code: 'RM', name: '原料仓', kind: 'normal' }],
      partners: [],
      items: [costItem('RM1', {})],
      stock: [{ item: 'RM1', warehouse: 'RM', qty: '5' }],
    });
    const t2 = await api.token('admin', T2);
    // Stock from before costing starts, issued in the first period without an opening value.
    await api.call('POST', '/api/stock/issues', {
      token: t2,
      headers: idem(),
      body: {
        date: '2026-11-03',
        reason: 'scrap',
        lines: [{ item: 'RM1', warehouse: 'RM', qty: '2' }],
      },
    });
    const period = await costed('2026-11', t2);
    expect(period.run?.status).toBe('failed');
    expect(period.run?.error).toContain('RM1');
    expect(period.status).toBe('open');
    expect(await costingNotices(t2)).toEqual([
      expect.objectContaining({ recipients: ['admin'], summary: '成本核算失败：2026-11' }),
    ]);
    // Another tenant's period is its own.
    expect(
      (await call<CostingPeriodRecord>('GET', '/api/costing/periods/2026-12', t2)).body.status,
    ).toBe('open');
  });
});

describe('a tenant closing on the 25th', () => {
  it('runs its periods from the 26th to the 25th, in entries, costing and the lock', async () => {
    const T3 = 'wwcostwf04';
    await importCostingFactory(api, T3);
    const [admin3, cost3] = await Promise.all([api.token('admin', T3), api.token('sunli', T3)]);
    const bad = await call('PUT', '/api/costing/settings', cost3, { closingDay: 32 });
    expect(errorOf(bad).issues!.map((i) => i.path.join('.'))).toEqual(['body.closingDay']);
    const set = await call('PUT', '/api/costing/settings', cost3, { closingDay: 25 });
    expect(set.status).toBe(200);
    await call('PUT', '/api/costing/pools/labour', cost3, { name: '直接人工', basis: 'hours' });
    const nov = await call<CostingPeriodRecord>('GET', '/api/costing/periods/2026-11', cost3);
    expect(nov.body).toMatchObject({ from: '2026-10-26', to: '2026-11-25' });
    // The 30th of November is December's.
    const outside = await call('POST', '/api/costing/periods/2026-11/expenses', cost3, {
      pool: 'labour',
      amount: '10.00',
      date: '2026-11-30',
    });
    expect(errorOf(outside).issues!.map((i) => i.message)).toEqual([
      '日期应在期间 2026-11（2026-10-26 至 2026-11-25）内',
    ]);
    await postCostingMonth(api, admin3); // its last line, the scrap, is dated the 26th
    const done = await costed('2026-11', cost3);
    expect(done.run?.status).toBe('completed');
    const report = await call<CostReport>('GET', '/api/costing/periods/2026-11/report', cost3);
    // The scrap of the 26th is December's: RM1 closes November at 150 − 28 = 122.
    expect(report.body.items.find((i) => i.item === 'RM1')).toMatchObject({ closingQty: '122' });
    expect((await call('POST', '/api/costing/periods/2026-11/close', cost3)).status).toBe(200);
    const onThe25th = await call('POST', '/api/stock/issues', admin3, {
      date: '2026-11-25',
      reason: 'scrap',
      lines: [{ item: 'RM1', warehouse: 'RM', qty: '1' }],
    });
    expect(errorOf(onThe25th).code).toBe('costing.periodClosed');
    const onThe26th = await call('POST', '/api/stock/issues', admin3, {
      date: '2026-11-26',
      reason: 'scrap',
      lines: [{ item: 'RM1', warehouse: 'RM', qty: '1' }],
    });
    expect(onThe26th.status).toBe(201);
    // Once a period is costed the closing day stays.
    const change = await call('PUT', '/api/costing/settings', cost3, { closingDay: null });
    expect(errorOf(change).code).toBe('costing.invalidState');
  });
});
