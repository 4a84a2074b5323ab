import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import type {
  CostingPeriodRecord,
  CostReport,
  OrderCostDetail,
  ProductTrend,
} from '@factory/shared';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  adminApi,
  answerModal,
  byTestId,
  eventually,
  loginAs,
  screenshot,
  startE2E,
  text,
  type AdminApi,
  type E2E,
} from './harness.js';

// The manager's cost report on the phone (H5, 390x844; issue 15): two months of the demo
// factory's fan blades (16寸三叶扇叶 SA-BLADE40: PP, colour master batch, a brass hub) posted
// through the API: purchases, a task order with its issues and a return, a work report with
// hours, the production receipt, a delivery of a priced sales order; labour (by hours) and
// overhead (by quantity) with their expenses. The cost accountant costs and closes October on
// the page, costs November; a late posting refuses November's close until it is costed again;
// the manager reads products, composition, margin, orders and their material drill-down, the
// month-over-month chart, and alone reopens. Every number is checked against the API's report.
jest.setTimeout(300_000);

let e2e: E2E;
let api: AdminApi;

const PRODUCT = 'SA-BLADE40';
const TUBE = 'OS-TUBE40';
const cny = (amount: number) => ({ amount, scale: 2, currency: 'CNY' });

/** The report's amount as the page shows it: "¥1,234.50". */
const yuan = (amount: string) => {
  const negative = amount.startsWith('-');
  const [whole, frac = ''] = amount.replace('-', '').split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${frac.padEnd(2, '0')}`;
};
const unitCost = (v: string | null) =>
  v === null ? '—' : `¥${v.replace(/^(\d+)/, (w) => w.replace(/\B(?=(\d{3})+(?!\d))/g, ','))}`;

/** Posts a month: a task order of `qty` blades, its material, hours, receipt, a priced sale. */
async function postMonth(m: {
  month: string;
  qty: string;
  hours: string;
  sold: string;
  price: string;
  labour: string;
  overhead: string;
  purchase?: boolean;
  hubReturn?: string;
}): Promise<string> {
  const d = (day: number) => `${m.month}-${String(day).padStart(2, '0')}`;
  if (m.purchase) {
    await api.call('POST', '/api/stock/receipts', {
      date: d(2),
      reason: 'purchase',
      partner: 'S-ZHONGSU',
      lines: [
        { item: 'PT-PP', warehouse: 'RM', qty: '100', unitCost: cny(980) },
        { item: 'PT-MB-WHT', warehouse: 'RM', qty: '2', unitCost: cny(4500) },
        { item: 'PT-HUB', warehouse: 'RM', qty: '400', unitCost: cny(35) },
        { item: 'PT-TUBEO40B', warehouse: 'RM', qty: '120', unitCost: cny(300) },
      ],
    });
    // Chrome-plated tubes from 兴华 (¥1.85 each): sent, received; never sold this month.
    const os = await api.call<{ no: string }>('POST', '/api/outsourcing-orders', {
      subcontractor: 'W-XINGHUA',
      item: TUBE,
      qty: '100',
      orderDate: d(3),
      startDate: d(3),
      dueDate: '2026-12-10',
    });
    await api.call('POST', `/api/outsourcing-orders/${os.no}/sends`, {
      date: d(4),
      toWarehouse: 'SUB-XH',
    });
    await api.call('POST', '/api/outsourcing-receipts', {
      outsourcingOrder: os.no,
      qty: '100',
      date: d(9),
    });
  }
  const order = await api.call<{ no: string }>('POST', '/api/task-orders', {
    item: PRODUCT,
    qty: m.qty,
    startDate: d(3),
    dueDate: d(12),
  });
  const per = (qtyPer: number) => (Number(m.qty) * qtyPer * 1000).toFixed(0);
  const kg = (grams: string) => String(Number(grams) / 1000);
  await api.call('POST', `/api/task-orders/${order.no}/issues`, {
    date: d(4),
    lines: [
      { item: 'PT-PP', qty: kg(per(0.185)) },
      { item: 'PT-MB-WHT', qty: kg(per(0.004)) },
      { item: 'PT-HUB', qty: m.qty },
    ],
  });
  if (m.hubReturn) {
    await api.call('POST', `/api/task-orders/${order.no}/returns`, {
      date: d(5),
      lines: [{ item: 'PT-HUB', qty: m.hubReturn }],
    });
  }
  await api.call('POST', '/api/work-reports', {
    date: d(6),
    taskOrder: order.no,
    good: m.qty,
    hours: m.hours,
  });
  await api.call('POST', '/api/production-receipts', {
    date: d(6),
    taskOrder: order.no,
    qty: m.qty,
  });
  const so = await api.call<{ no: string; version: number }>('POST', '/api/sales-orders', {
    customer: 'C-LVYUAN',
    orderDate: d(8),
    lines: [{ item: PRODUCT, qty: m.sold, unitPrice: m.price, dueDate: '2026-12-15' }],
  });
  await api.call('POST', `/api/sales-orders/${so.no}/submit`, {});
  await api.call('POST', '/api/deliveries', {
    customer: 'C-LVYUAN',
    date: d(20),
    lines: [{ salesOrder: so.no, line: 1, qty: m.sold }],
  });
  for (const [pool, amount] of [
    ['labour', m.labour],
    ['overhead', m.overhead],
  ] as const) {
    await api.call('POST', `/api/costing/periods/${m.month}/expenses`, {
      pool,
      amount,
      date: d(28),
    });
  }
  return order.no;
}

let octOrder: string;
let novOrder: string;

beforeAll(async () => {
  e2e = await startE2E();
  api = await adminApi(e2e);
  // The demo factory starts costing in December; these two months come before it, so costing
  // starts in October here, with nothing to carry in (allowed until a month is costed).
  await api.call('PUT', '/api/costing/opening', { period: '2026-10', stock: [], wip: [] });
  await api.call('PUT', '/api/costing/pools/labour', { name: '直接人工', basis: 'hours' });
  await api.call('PUT', '/api/costing/pools/overhead', { name: '制造费用', basis: 'quantity' });
  octOrder = await postMonth({
    month: '2026-10',
    qty: '100',
    hours: '6',
    sold: '40',
    price: '12.50',
    labour: '600.00',
    overhead: '300.00',
    purchase: true,
  });
  novOrder = await postMonth({
    month: '2026-11',
    qty: '200',
    hours: '10',
    sold: '150',
    price: '13.20',
    labour: '1000.00',
    overhead: '400.00',
    hubReturn: '2',
  });
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

async function openCostPage(page: Page, month: string): Promise<void> {
  await byTestId(page, 'tile-cost-report').click();
  await byTestId(page, 'cost-period-page').waitFor();
  // A month never costed before last month: 更早 offers it.
  while ((await byTestId(page, `cost-month-${month}`).count()) === 0) {
    await byTestId(page, 'cost-month-earlier').click();
  }
  await byTestId(page, `cost-month-${month}`).click();
  await eventually(() => text(page, 'cost-period').then((t) => t.includes(monthText(month))), true);
}
const monthText = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

async function costOnPage(page: Page): Promise<void> {
  const before = await byTestId(page, 'cost-run')
    .getAttribute('data-run-id', { timeout: 1000 })
    .catch(() => null);
  await byTestId(page, 'cost-start').click();
  // A new run (polled by the page) until it completed.
  const done = await eventually(
    async () => {
      const run = byTestId(page, 'cost-run');
      if (!(await run.count())) return false;
      return (
        (await run.getAttribute('data-run-id')) !== before &&
        (await run.getAttribute('data-run-status')) === 'completed'
      );
    },
    true,
    60_000,
  );
  expect(done).toBe(true);
  await expect(text(page, 'cost-status')).resolves.toBe('已核算');
  for (const step of ['load', 'compute', 'write', 'notify']) {
    await expect(byTestId(page, `cost-step-${step}`).getAttribute('data-state')).resolves.toBe(
      'done',
    );
  }
  await expect(text(page, 'cost-run')).resolves.toContain('读取账簿');
}

/** The widths of a stacked bar's segments against the amounts: each within 1% of its share. */
async function checkBar(page: Page, testId: string, amounts: Record<string, string>) {
  const positive = Object.entries(amounts).filter(([, v]) => Number(v) > 0);
  const total = positive.reduce((s, [, v]) => s + Number(v), 0);
  const track = await byTestId(page, testId).locator('.stack-track').boundingBox();
  for (const [key, amount] of positive) {
    const seg = byTestId(page, `${testId}-seg-${key}`);
    await expect(seg.getAttribute('data-amount')).resolves.toBe(amount);
    const box = (await seg.boundingBox())!;
    expect(Math.abs(box.width / track!.width - Number(amount) / total)).toBeLessThan(0.01);
    await expect(text(page, `${testId}-legend-${key}-amount`)).resolves.toBe(yuan(amount));
  }
}

/**
 * Issue 18's bar on the page shown: every text at least 14 px, every tap target at least 44 px
 * high (month chips, tabs, buttons, tappable cards and links).
 */
async function checkSizes(page: Page): Promise<void> {
  const problems = await page
    .locator('.cost:visible')
    .first()
    .evaluate((root) => {
      const out: string[] = [];
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height) continue;
        const ownText = Array.from(el.childNodes).some(
          (n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '',
        );
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (ownText && size < 14) out.push(`text ${size}px: ${el.textContent?.slice(0, 20)}`);
      }
      const taps = '.cost-chip, .cost-tab, .cost-btn, .cost-tappable, .cost-more';
      for (const el of Array.from(root.querySelectorAll(taps))) {
        const box = el.getBoundingClientRect();
        if (box.width && (box.height < 44 || box.width < 44)) {
          out.push(`target ${box.width}x${box.height}: ${el.textContent?.slice(0, 20)}`);
        }
      }
      return out;
    });
  expect(problems).toEqual([]);
}

/** A product's bar: its restored composition when the report has one (成本还原). */
const productElements = (p: CostReport['products'][number]) =>
  p.restored ? { ...p.restored, openingWip: '0.00' } : p.elements;

const elementAmounts = (e: {
  material: string;
  pools: Record<string, string>;
  outsourcingFee: string;
  openingWip: string;
}) => ({
  material: e.material,
  ...Object.fromEntries(Object.entries(e.pools).map(([k, v]) => [`pool-${k}`, v])),
  outsourcingFee: e.outsourcingFee,
  openingWip: e.openingWip,
});

test('a month not costed shows 未核算 and no report; the cost accountant costs and closes October, and may not reopen it', async () => {
  const manager = await e2e.newPage();
  await loginAs(manager, e2e.appUrl, 'zhoujun');
  await screenshot(manager, 'c1-home-manager');
  await byTestId(manager, 'tile-cost-report').click();
  await byTestId(manager, 'cost-period-page').waitFor();
  // Nothing costed yet: last month opens, not costed, no report.
  await expect(text(manager, 'cost-status')).resolves.toBe('未核算');
  await expect(text(manager, 'cost-period')).resolves.toContain('2026年11月');
  await byTestId(manager, 'cost-not-costed').waitFor();
  await expect(byTestId(manager, 'cost-products').count()).resolves.toBe(0);
  await expect(byTestId(manager, 'cost-month-2026-12').count()).resolves.toBe(1);
  await screenshot(manager, 'c2-not-costed');

  const cost = await e2e.newPage();
  await loginAs(cost, e2e.appUrl, 'sunli');
  await openCostPage(cost, '2026-10');
  await expect(text(cost, 'cost-start')).resolves.toBe('开始核算');
  await costOnPage(cost);
  await byTestId(cost, `cost-product-${PRODUCT}`).waitFor();
  // The tubes: material and the outsourcing fee; nothing sold, so no price and no margin.
  const october = await api.call<CostReport>('GET', '/api/costing/periods/2026-10/report');
  const tube = october.products.find((x) => x.item === TUBE)!;
  expect(Number(tube.elements.outsourcingFee)).toBeGreaterThan(0);
  await checkBar(cost, `cost-product-${TUBE}-bar`, elementAmounts(productElements(tube)));
  await expect(text(cost, `cost-product-${TUBE}-bar-legend-outsourcingFee`)).resolves.toContain(
    '委外加工费',
  );
  await expect(text(cost, `cost-product-${TUBE}-unit-cost`)).resolves.toBe(unitCost(tube.unitCost));
  await expect(text(cost, `cost-product-${TUBE}-price`)).resolves.toBe('—');
  await expect(text(cost, `cost-product-${TUBE}-gross`)).resolves.toBe('—');
  await expect(text(cost, `cost-product-${TUBE}-rate`)).resolves.toBe('—');
  await expect(text(cost, `cost-product-${TUBE}-no-sales`)).resolves.toBe('本期没有发货');
  await byTestId(cost, `cost-product-${TUBE}`).scrollIntoViewIfNeeded();
  await cost.screenshot({ path: `${ARTIFACTS}/c3b-october-outsourced.png` });
  await screenshot(cost, 'c3-october-costed');

  // 关账 asks first, saying what it means; cancelled, nothing happens.
  await byTestId(cost, 'cost-close').click();
  expect(await answerModal(cost, 'cancel')).toContain('不能再过账');
  await expect(text(cost, 'cost-status')).resolves.toBe('已核算');
  await byTestId(cost, 'cost-close').click();
  await answerModal(cost, 'confirm');
  await expect(eventually(() => text(cost, 'cost-status'), '已关账')).resolves.toBe('已关账');
  // The cost accountant closes but never reopens; nor costs a closed month again.
  await expect(byTestId(cost, 'cost-reopen').count()).resolves.toBe(0);
  await expect(byTestId(cost, 'cost-start').count()).resolves.toBe(0);
  await screenshot(cost, 'c4-october-closed');
});

test('November: costed, a late posting refuses the close until it is costed again; the numbers are the API report; the manager reopens it', async () => {
  const cost = await e2e.newPage();
  await loginAs(cost, e2e.appUrl, 'sunli');
  await openCostPage(cost, '2026-11');
  await costOnPage(cost);

  // A scrap dated in November, posted after the costing: the close is refused in words.
  await api.call('POST', '/api/stock/issues', {
    date: '2026-11-27',
    reason: 'scrap',
    lines: [{ item: 'PT-PP', warehouse: 'RM', qty: '1' }],
  });
  await byTestId(cost, 'cost-close').click();
  await answerModal(cost, 'confirm');
  const refused = await text(cost, 'cost-close-refused');
  expect(refused).toContain('请重新核算后再关账');
  expect(refused).not.toMatch(/costing\.|invalidState/);
  await expect(text(cost, 'cost-status')).resolves.toBe('已核算');
  await checkSizes(cost);
  await screenshot(cost, 'c5-close-refused');
  await expect(text(cost, 'cost-start')).resolves.toBe('重新核算');
  // The local workflow runs in a blink: the period's first two reads after the start answer
  // as if it were still loading, so the page's progress is seen (then the real answers).
  let held = 2;
  await cost.route(/\/api\/costing\/periods\/2026-11$/, async (route) => {
    if (route.request().method() !== 'GET' || held <= 0) return route.continue();
    held--;
    const res = await route.fetch();
    const body = (await res.json()) as CostingPeriodRecord;
    const run = { ...body.run!, status: 'running' as const, steps: body.run!.steps.slice(0, 1) };
    delete run.finishedAt;
    await route.fulfill({ response: res, json: { ...body, run } });
  });
  const costing = costOnPage(cost);
  // Started (no step done: 读取账簿 under way), then 读取账簿 done and 计算 under way.
  await expect(
    eventually(() => byTestId(cost, 'cost-step-compute').getAttribute('data-state'), 'current'),
  ).resolves.toBe('current');
  await expect(text(cost, 'cost-run-status')).resolves.toBe('核算中');
  await expect(byTestId(cost, 'cost-step-load').getAttribute('data-state')).resolves.toBe('done');
  await expect(byTestId(cost, 'cost-step-notify').getAttribute('data-state')).resolves.toBe(
    'waiting',
  );
  await expect(byTestId(cost, 'cost-start').getAttribute('class')).resolves.toContain(
    'cost-btn-off',
  );
  await screenshot(cost, 'c5b-running');
  await costing;
  expect(held).toBe(0);
  await cost.unrouteAll();

  // The manager reads November: every figure is the API's.
  const report = await api.call<CostReport>('GET', '/api/costing/periods/2026-11/report');
  const manager = await e2e.newPage();
  await loginAs(manager, e2e.appUrl, 'zhoujun');
  await openCostPage(manager, '2026-11');
  await expect(text(manager, 'cost-status')).resolves.toBe('已核算');
  const p = report.products.find((x) => x.item === PRODUCT)!;
  expect(p.salesUnitPrice).not.toBeNull();
  const row = `cost-product-${PRODUCT}`;
  await byTestId(manager, row).waitFor();
  await expect(text(manager, row)).resolves.toContain('16寸三叶扇叶(注塑) SA-BLADE40');
  await expect(text(manager, `${row}-received`)).resolves.toBe('完工 200 个');
  await expect(text(manager, `${row}-unit-cost`)).resolves.toBe(unitCost(p.unitCost));
  await expect(text(manager, `${row}-completed`)).resolves.toBe(yuan(p.completed));
  await expect(text(manager, `${row}-price`)).resolves.toBe(unitCost(p.salesUnitPrice));
  await expect(text(manager, `${row}-gross`)).resolves.toBe(yuan(p.grossMargin));
  await expect(text(manager, `${row}-rate`)).resolves.toBe(`${p.marginRate}%`);
  await expect(text(manager, `${row}-bar-legend-pool-labour`)).resolves.toContain('直接人工');
  await expect(text(manager, `${row}-bar-legend-pool-overhead`)).resolves.toContain('制造费用');
  await checkBar(manager, `${row}-bar`, elementAmounts(productElements(p)));
  await checkSizes(manager);
  await screenshot(manager, 'c6-products');

  // The report as a workbook, downloaded with the manager's session (a link could not send it).
  const [download] = await Promise.all([
    manager.waitForEvent('download'),
    byTestId(manager, 'cost-export').click(),
  ]);
  expect(download.suggestedFilename()).toBe('成本计算单-2026-11.xlsx');
  const saved = readFileSync((await download.path())!);
  expect(saved.subarray(0, 2).toString()).toBe('PK'); // an XLSX is a zip

  // Orders, and one drilled down to its ledger lines.
  const o = report.orders.find((x) => x.no === novOrder)!;
  await byTestId(manager, 'cost-tab-orders').click();
  await expect(text(manager, `cost-order-${novOrder}-completed`)).resolves.toBe(yuan(o.completed));
  await expect(text(manager, `cost-order-${novOrder}-unit-cost`)).resolves.toBe(
    unitCost(o.unitCost),
  );
  await expect(text(manager, `cost-order-${novOrder}-wip`)).resolves.toContain(yuan(o.closingWip));
  await expect(text(manager, `cost-order-${novOrder}-loss`)).resolves.toBe(yuan(o.loss));
  await checkBar(manager, `cost-order-${novOrder}-bar`, elementAmounts(o));
  await checkSizes(manager);
  await screenshot(manager, 'c7-orders');
  await byTestId(manager, `cost-order-${novOrder}`).click();
  await byTestId(manager, 'cost-order-page').waitFor();
  const detail = await api.call<OrderCostDetail>(
    'GET',
    `/api/costing/periods/2026-11/orders/${novOrder}`,
  );
  await byTestId(manager, 'cost-order-materials').waitFor();
  for (const m of detail.materials) {
    await expect(text(manager, `cost-material-${m.item}-value`)).resolves.toBe(yuan(m.value));
    await expect(text(manager, `cost-material-${m.item}-qty`)).resolves.toMatch(
      new RegExp(`^${m.qty.replace('.', '\\.')} (个|千克)$`),
    );
  }
  expect(detail.lines.length).toBeGreaterThanOrEqual(4);
  for (const l of detail.lines) {
    const id = `cost-ledger-${l.doc}-${l.line}`;
    const shown = await text(manager, id);
    expect(shown).toContain(l.doc);
    expect(shown).toContain(l.date);
    expect(shown).toContain(l.qty.startsWith('-') ? '退料' : '领料');
  }
  await expect(text(manager, 'cost-order-materials')).resolves.toContain('退料');
  await checkSizes(manager);
  await screenshot(manager, 'c8-order-detail');
  await manager.goBack();
  await byTestId(manager, 'cost-period-page').waitFor();

  // Items and pools, and the reconciliation.
  await byTestId(manager, 'cost-tab-items').click();
  const labour = report.pools.find((x) => x.code === 'labour')!;
  await expect(text(manager, 'cost-pool-labour-allocated')).resolves.toBe(yuan(labour.allocated));
  await expect(text(manager, 'cost-recon-in')).resolves.toBe(yuan(report.reconciliation.in));
  await expect(text(manager, 'cost-recon-difference')).resolves.toBe('¥0.00');
  await checkSizes(manager);
  await screenshot(manager, 'c9-items-pools');
  await byTestId(manager, 'cost-reconciliation').scrollIntoViewIfNeeded();
  await manager.screenshot({ path: `${ARTIFACTS}/c9b-reconciliation.png` });

  // Month over month: October and November, unit cost bars in proportion; a month opens it.
  await byTestId(manager, 'cost-tab-products').click();
  await byTestId(manager, `cost-product-${PRODUCT}`).click();
  await byTestId(manager, 'cost-product-page').waitFor();
  const trend = await api.call<ProductTrend>(
    'GET',
    `/api/costing/products?from=2026-06&to=2026-11&item=${PRODUCT}`,
  );
  const line = (m: string) =>
    trend.periods.find((x) => x.period === m)!.products.find((x) => x.item === PRODUCT)!;
  const widths: Record<string, number> = {};
  for (const m of ['2026-10', '2026-11']) {
    await expect(text(manager, `cost-trend-${m}-unit-cost`)).resolves.toBe(
      unitCost(line(m).unitCost),
    );
    await expect(text(manager, `cost-trend-${m}-price`)).resolves.toBe(
      unitCost(line(m).salesUnitPrice),
    );
    await checkBar(manager, `cost-trend-${m}-bar`, elementAmounts(productElements(line(m))));
    widths[m] = (await byTestId(manager, `cost-trend-${m}-cost-bar`).boundingBox())!.width;
  }
  expect(
    Math.abs(
      widths['2026-10']! / widths['2026-11']! -
        Number(line('2026-10').unitCost) / Number(line('2026-11').unitCost),
    ),
  ).toBeLessThan(0.01);
  await expect(text(manager, 'cost-trend-not-costed')).resolves.toBe(
    '未核算：2026年6月、2026年7月、2026年8月、2026年9月',
  );
  await checkSizes(manager);
  await screenshot(manager, 'c10-product-trend');
  await byTestId(manager, 'cost-trend-2026-10').click();
  await eventually(() => text(manager, 'cost-status'), '已关账');
  await expect(text(manager, 'cost-period')).resolves.toContain('2026年10月');

  // The accountant closes November; only the manager may reopen it (after a confirmation).
  await cost.reload();
  await byTestId(cost, 'cost-period-page').waitFor();
  await byTestId(cost, 'cost-month-2026-11').click();
  await eventually(() => text(cost, 'cost-status'), '已核算');
  await byTestId(cost, 'cost-close').click();
  await answerModal(cost, 'confirm');
  await expect(eventually(() => text(cost, 'cost-status'), '已关账')).resolves.toBe('已关账');
  await expect(byTestId(cost, 'cost-reopen').count()).resolves.toBe(0);

  await byTestId(manager, 'cost-month-2026-11').click();
  await eventually(() => text(manager, 'cost-status'), '已关账');
  // October is closed but not the latest: no 反关账 there.
  await byTestId(manager, 'cost-month-2026-10').click();
  await eventually(() => text(manager, 'cost-period').then((t) => t.includes('2026年10月')), true);
  await expect(byTestId(manager, 'cost-reopen').count()).resolves.toBe(0);
  await byTestId(manager, 'cost-month-2026-11').click();
  await byTestId(manager, 'cost-reopen').waitFor();
  await screenshot(manager, 'c11-manager-closed');
  await byTestId(manager, 'cost-reopen').click();
  expect(await answerModal(manager, 'confirm')).toContain('重新核算');
  await expect(eventually(() => text(manager, 'cost-status'), '已核算')).resolves.toBe('已核算');
  const period = await api.call<CostingPeriodRecord>('GET', '/api/costing/periods/2026-11');
  expect(period.status).toBe('costed');
  expect(period.reopenedBy).toBe('zhoujun');
  await screenshot(manager, 'c12-reopened');
  // The October order is there for October too.
  expect(octOrder).toMatch(/\S/);
  expect(e2e.cspViolations).toEqual([]);
});
