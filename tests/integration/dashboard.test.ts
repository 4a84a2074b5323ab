import { randomUUID } from 'node:crypto';
import type {
  CostSummary,
  OrdersChart,
  ProductionSummary,
  QualityChart,
  ShortageSummary,
} from '@factory/shared';
import { seedUsers } from './salesHarness.js';
import { errorOf, startApi, type Api } from './harness.js';
import type { CostReport, CostingPeriodRecord } from '@factory/shared';
import { importCostingFactory, postCostingMonth } from './costingHarness.js';
import { expectedFromDocuments, seedDashboard, type DashboardSeed } from './dashboardHarness.js';

/**
 * The manager's dashboard API over the local runtime with the demo factory (issue 16,
 * deliverable 4; docs/dashboard.md): orders booked in two ISO weeks and a delivery, a late
 * task order and a completed one, shortages, an inspection with rejects; every number checked
 * against the documents behind it; roles, bad queries and tenant isolation. Business date
 * 2026-12-01, a Tuesday of week 2026-W49 (Monday 2026-11-30).
 */
const DEMO = 'wwdemo01';
const OTHER = 'wwdash02';
let api: Api;
let seed: DashboardSeed;
const tokens: Record<string, string> = {};

const get = <T>(path: string, user = 'zhoujun', tenant = DEMO) =>
  api.call<T>('GET', path, { token: tokens[`${tenant}/${user}`]! });

beforeAll(async () => {
  api = await startApi({ seedDemo: true });
  await seedUsers(OTHER);
  for (const user of ['zhoujun', 'admin', 'zhangwei', 'sunli', 'liuyang', 'chenjie']) {
    tokens[`${DEMO}/${user}`] = await api.token(user, DEMO);
  }
  tokens[`${OTHER}/zhoujun`] = await api.token('zhoujun', OTHER);
  const admin = tokens[`${DEMO}/admin`]!;
  seed = await seedDashboard(async <T>(method: string, path: string, body?: unknown) => {
    const res = await api.call<T>(method, path, {
      token: admin,
      ...(method === 'GET' ? {} : { headers: { 'idempotency-key': randomUUID() } }),
      ...(body !== undefined ? { body } : {}),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  });
}, 120_000);
afterAll(async () => {
  await api.runtime.outbox.idle();
  await api.close();
});

const documents = () =>
  expectedFromDocuments(
    async <T>(method: string, path: string) => (await get<T>(path, 'admin')).body,
    { from: '2026-11-23', to: '2026-12-06', today: '2026-12-01' },
    [seed.inspection],
  );

describe('orders booked and delivered', () => {
  it('counts per ISO week exactly what the orders and deliveries say', async () => {
    const res = await get<OrdersChart>(
      '/api/dashboard/orders?by=week&from=2026-11-25&to=2026-12-01',
    );
    expect(res.status).toBe(200);
    const chart = res.body;
    // Widened to whole weeks: Monday 2026-11-23 to Sunday 2026-12-06.
    expect([chart.from, chart.to]).toEqual(['2026-11-23', '2026-12-06']);
    expect(chart.buckets.map((b) => [b.key, b.from, b.to])).toEqual([
      ['2026-W48', '2026-11-23', '2026-11-29'],
      ['2026-W49', '2026-11-30', '2026-12-06'],
    ]);
    const expected = await documents();
    for (const b of chart.buckets) {
      const e = expected.weeks.get(b.from) ?? {
        booked: { count: 0, fen: 0, docs: [] },
        delivered: { count: 0, fen: 0, docs: [] },
      };
      expect(b.booked.count).toBe(e.booked.count);
      expect(b.booked.amount).toEqual({ amount: e.booked.fen, scale: 2, currency: 'CNY' });
      expect(b.booked.docs.map((d) => d.no).sort()).toEqual([...e.booked.docs].sort());
      expect(b.delivered.count).toBe(e.delivered.count);
      expect(b.delivered.amount.amount).toBe(e.delivered.fen);
      expect(b.delivered.docs.map((d) => d.no)).toEqual(e.delivered.docs);
    }
    // The seeded documents themselves: 12 × 199.90 in week 48; 3 × 188.885 + 7 × 99.99 in 49.
    expect(chart.buckets[0]!.booked.docs).toEqual([
      {
        no: seed.orders[0],
        date: '2026-11-24',
        amount: { amount: 239_880, scale: 2, currency: 'CNY' },
      },
    ]);
    expect(chart.buckets[1]!.booked.docs.map((d) => d.no)).toEqual([seed.orders[1]]);
    expect(chart.buckets[1]!.booked.amount.amount).toBe(56_666 + 69_993);
    // 5 × 199.90 + 3 × 188.885 (566.655, half up to 566.66).
    expect(chart.buckets[1]!.delivered.docs).toEqual([
      {
        no: seed.delivery,
        date: '2026-12-01',
        amount: { amount: 99_950 + 56_666, scale: 2, currency: 'CNY' },
      },
    ]);
    expect(chart.total.booked.amount.amount).toBe(239_880 + 56_666 + 69_993);
  });

  it('buckets by month, and defaults to the last 8 weeks', async () => {
    const month = await get<OrdersChart>(
      '/api/dashboard/orders?by=month&from=2026-11-01&to=2026-12-31',
    );
    expect(month.body.buckets.map((b) => [b.key, b.booked.count, b.delivered.count])).toEqual([
      ['2026-11', 1, 0],
      ['2026-12', 1, 1],
    ]);
    const weeks = await get<OrdersChart>('/api/dashboard/orders');
    expect(weeks.body.buckets.map((b) => b.key)).toEqual([
      '2026-W42',
      '2026-W43',
      '2026-W44',
      '2026-W45',
      '2026-W46',
      '2026-W47',
      '2026-W48',
      '2026-W49',
    ]);
  });

  it('refuses a bad query naming each field, and roles outside the chart', async () => {
    const bad = await get('/api/dashboard/orders?by=day&from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(
      errorOf(bad)
        .issues!.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['query.by', 'query.from']);
    const backwards = await get('/api/dashboard/orders?from=2026-12-01&to=2026-11-01');
    expect(backwards.status).toBe(400);
    expect(errorOf(backwards).issues!.map((i) => i.path.join('.'))).toEqual(['query.to']);
    const wide = await get('/api/dashboard/quality?from=2025-01-01&to=2026-12-01');
    expect(wide.status).toBe(400);
    const extra = await get('/api/dashboard/production?foo=1');
    expect(extra.status).toBe(400);
    // Sales sees the orders chart, nothing else; finance sees cost; the shop floor nothing.
    expect((await get('/api/dashboard/orders', 'zhangwei')).status).toBe(200);
    expect((await get('/api/dashboard/production', 'zhangwei')).status).toBe(403);
    expect((await get('/api/dashboard/cost', 'sunli')).status).toBe(200);
    expect((await get('/api/dashboard/quality', 'sunli')).status).toBe(403);
    for (const path of ['orders', 'production', 'shortages', 'quality', 'cost']) {
      expect((await get(`/api/dashboard/${path}`, 'chenjie')).status).toBe(403);
      expect((await get(`/api/dashboard/${path}`, 'admin')).status).toBe(200);
    }
    expect((await api.call('GET', '/api/dashboard/orders')).status).toBe(401);
  });
});

describe('production, shortages, quality, cost', () => {
  it('lists open, late and completed task orders as the task orders say', async () => {
    const res = await get<ProductionSummary>('/api/dashboard/production');
    expect(res.status).toBe(200);
    const expected = await documents();
    const p = res.body;
    expect([p.today, p.from, p.to]).toEqual(['2026-12-01', '2026-12-01', '2026-12-31']);
    expect(p.open.orders.map((o) => o.no).sort()).toEqual(expected.open);
    expect(p.late.orders.map((o) => o.no).sort()).toEqual(expected.late);
    expect(p.completed.orders.map((o) => o.no).sort()).toEqual(expected.completed);
    expect(p.late.orders.map((o) => o.no)).toContain(seed.lateOrder);
    expect(p.completed.orders).toEqual([
      expect.objectContaining({ no: seed.completedOrder, completedOn: '2026-12-01' }),
    ]);
    expect(p.open.count).toBe(expected.open.length);
    // Completed last month: none.
    const november = await get<ProductionSummary>(
      '/api/dashboard/production?from=2026-11-01&to=2026-11-30',
    );
    expect(november.body.completed.count).toBe(0);
  });

  it('sums items short over the open task orders as the shortage analysis says', async () => {
    const res = await get<ShortageSummary>('/api/dashboard/shortages');
    expect(res.status).toBe(200);
    const expected = await documents();
    expect(res.body.itemCount).toBe(expected.shortItems.length);
    expect(res.body.itemCount).toBeGreaterThan(0);
    expect(res.body.orderCount).toBe(expected.shortOrders);
    expect(
      res.body.items.map((i) => ({ item: i.item, short: Number(i.short), orders: i.orders })),
    ).toEqual(expected.shortItems);
  });

  it('gives the pass rate of the inspected quantity per week', async () => {
    const res = await get<QualityChart>('/api/dashboard/quality?from=2026-11-23&to=2026-12-06');
    const expected = await documents();
    const [w48, w49] = res.body.buckets;
    expect(w48).toMatchObject({ key: '2026-W48', inspected: '0', passRate: null, inspections: [] });
    expect(w49).toMatchObject({
      key: '2026-W49',
      inspected: String(expected.quality.inspected),
      accepted: String(expected.quality.accepted),
      rejected: String(expected.quality.rejected),
      passRate: '0.94',
      inspections: expected.quality.inspections,
    });
  });

  it('has no cost section before a period is costed', async () => {
    const res = await get<CostSummary>('/api/dashboard/cost');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ period: null, status: null, products: [] });
  });
});

describe('tenant isolation', () => {
  it("shows another tenant's manager none of this factory's documents", async () => {
    const orders = await get<OrdersChart>(
      '/api/dashboard/orders?from=2026-11-23&to=2026-12-06',
      'zhoujun',
      OTHER,
    );
    expect(orders.status).toBe(200);
    expect(orders.body.total).toEqual({
      booked: { count: 0, amount: { amount: 0, scale: 2, currency: 'CNY' } },
      delivered: { count: 0, amount: { amount: 0, scale: 2, currency: 'CNY' } },
    });
    const production = await get<ProductionSummary>('/api/dashboard/production', 'zhoujun', OTHER);
    expect([production.body.open.count, production.body.late.count]).toEqual([0, 0]);
    const shortages = await get<ShortageSummary>('/api/dashboard/shortages', 'zhoujun', OTHER);
    expect(shortages.body.items).toEqual([]);
    const quality = await get<QualityChart>('/api/dashboard/quality', 'zhoujun', OTHER);
    expect(quality.body.total.inspected).toBe('0');
  });
});

describe('cost per product', () => {
  it("copies the latest costed period's products from its cost report", async () => {
    const T = 'wwdash03';
    await importCostingFactory(api, T);
    const [admin, cost, manager] = await Promise.all([
      api.token('admin', T),
      api.token('sunli', T),
      api.token('zhoujun', T),
    ]);
    await postCostingMonth(api, admin);
    const started = await api.call<CostingPeriodRecord>(
      'POST',
      '/api/costing/periods/2026-11/runs',
      {
        token: cost,
        headers: { 'idempotency-key': randomUUID() },
      },
    );
    expect(started.status).toBe(202);
    let period = started.body;
    for (let i = 0; i < 600 && period.run?.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      period = (
        await api.call<CostingPeriodRecord>('GET', '/api/costing/periods/2026-11', { token: cost })
      ).body;
    }
    expect(period.status).toBe('costed');
    const report = await api.call<CostReport>('GET', '/api/costing/periods/2026-11/report', {
      token: manager,
    });
    const dash = await api.call<CostSummary>('GET', '/api/dashboard/cost', { token: manager });
    expect(dash.status).toBe(200);
    expect(dash.body.period).toBe('2026-11');
    expect(dash.body.status).toBe('costed');
    expect(report.body.products.length).toBeGreaterThan(0);
    expect(dash.body.products).toEqual(
      report.body.products.map((p) => ({
        item: p.item,
        ...(p.name !== undefined ? { name: p.name } : {}),
        received: p.received,
        completed: p.completed,
        unitCost: p.unitCost,
        salesAmount: p.salesAmount,
        grossMargin: p.grossMargin,
        marginRate: p.marginRate,
      })),
    );
    // Finance reads it too; sales does not.
    expect((await api.call('GET', '/api/dashboard/cost', { token: cost })).status).toBe(200);
    const sales = await api.token('zhangwei', T);
    expect((await api.call('GET', '/api/dashboard/cost', { token: sales })).status).toBe(403);
  }, 120_000);
});
