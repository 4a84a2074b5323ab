import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PurchaseReceipt } from '@factory/shared';
import { adminApi, loginAs, screenshot, startE2E, type AdminApi, type E2E } from './harness.js';
import { readabilityIssues } from './readable.js';

// Every page of the mini-program at 390×844, as the admin (who may open them all), on the demo
// factory: text sizes, tap targets, and no bare codes, `pcs` or user ids (issue 18). A page
// added to app.config.ts without a visit here fails the coverage check.
jest.setTimeout(600_000);

let e2e: E2E;
let admin: AdminApi;
let inspectionNo: string;
let claimNo: string;

const factory = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../functions/local/demo/factory.json', import.meta.url)),
    'utf8',
  ),
) as {
  items: { code: string; name: string }[];
  warehouses: { code: string; name: string }[];
  partners: { code: string; name: string }[];
};

const known = {
  codes: Object.fromEntries([
    ...factory.items.map((i) => [i.code, i.name] as const),
    ...factory.warehouses.map((w) => [w.code, w.name] as const),
  ]),
  partners: Object.fromEntries(factory.partners.map((p) => [p.code, p.name] as const)),
  ids: ['zhangwei', 'zhoujun', 'lina', 'chenjie', 'wangqiang', 'sunli', 'zhaomin', 'wwdemo01'],
};

beforeAll(async () => {
  e2e = await startE2E();
  admin = await adminApi(e2e);
  // An inspection order (a receipt of an inspected part) and a claim, for their detail pages.
  await admin.call('PUT', '/api/inspection-plans/PT-GBOX', {
    receipts: ['purchase'],
    sampling: { rule: 'fixed', count: '5' },
  });
  const receipt = await admin.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
    purchaseOrder: 'PO-2611-041',
    date: '2026-12-01',
    lines: [{ line: 2, qty: '50', warehouse: 'RM' }],
  });
  inspectionNo = `QC-${receipt.document.no}-1`;
  await admin.call('PUT', '/api/expense-categories/OFFICE', { name: '办公用品', pool: 'overhead' });
  const claim = await admin.call<{ no: string }>('POST', '/api/expense-claims', {
    lines: [{ category: 'OFFICE', amount: '1280.50', date: '2026-12-01', note: '打印纸' }],
  });
  claimNo = claim.no;
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

/** Each page with the parameters that give it something to show. */
const visits = (): [string, Record<string, string>?][] => [
  ['home/index/index'],
  ['sales/order-edit/index'],
  ['sales/orders/index'],
  ['sales/order-detail/index', { no: 'SO-2611-025' }],
  ['purchasing/po-edit/index'],
  ['purchasing/pos/index'],
  ['purchasing/po-detail/index', { no: 'PO-2611-041' }],
  ['approvals/inbox/index'],
  ['planning/inputs/index'],
  ['stock/inquiry/index'],
  ['delivery/pick/index'],
  ['quality/inspections/index'],
  ['quality/inspection/index', { no: inspectionNo }],
  ['quality/report/index'],
  ['outsourcing/orders/index'],
  ['outsourcing/order/index', { no: 'WX-2611-007' }],
  ['outsourcing/send/index', { no: 'WX-2611-007' }],
  ['outsourcing/receipt/index', { no: 'WX-2611-007' }],
  ['customer/receipt/index', { customer: 'C-YIJIA' }],
  ['customer/stock/index', { customer: 'C-YIJIA' }],
  ['cost/period/index', { period: '2026-12' }],
  ['cost/product/index', { item: 'FG-FS40', period: '2026-12' }],
  ['cost/order/index', { order: 'MO-2611-031', period: '2026-12' }],
  ['dashboard/index/index'],
  ['dashboard/list/index', { kind: 'orders' }],
  ['office/claim-edit/index'],
  ['office/claims/index'],
  ['office/claim-detail/index', { no: claimNo }],
  ['office/forms/index'],
  ['shopfloor/tasks/index'],
  ['shopfloor/task/index', { no: 'MO-2611-031' }],
  ['shopfloor/pick/index', { no: 'MO-2611-031' }],
  ['shopfloor/kit/index', { no: 'MO-2612-002' }],
  ['shopfloor/merged/index', { orders: 'MO-2611-031,MO-2612-002' }],
  ['shopfloor/report/index', { no: 'MO-2611-031' }],
  ['shopfloor/receipt/index', { no: 'MO-2611-031' }],
  ['shopfloor/return/index', { no: 'MO-2611-031' }],
  ['shopfloor/supplementary/index', { no: 'MO-2611-031' }],
];

/** Every page app.config.ts declares, as `area/page/index`. */
function declaredPages(): string[] {
  const config = readFileSync(
    fileURLToPath(new URL('../../miniapp/src/app.config.ts', import.meta.url)),
    'utf8',
  );
  const pages = [...config.matchAll(/'pages\/([\w-]+\/[\w-]+\/index)'/g)].map((m) => m[1]!);
  for (const block of config.matchAll(/root: 'pages\/([\w-]+)',\s*pages: \[([^\]]*)\]/g)) {
    for (const p of block[2]!.matchAll(/'([\w-]+\/index)'/g)) pages.push(`${block[1]}/${p[1]}`);
  }
  return pages;
}

test('every page declared in app.config.ts is visited here', () => {
  const visited = new Set(['login/index/index', ...visits().map(([p]) => p)]);
  expect(declaredPages().filter((p) => !visited.has(p))).toEqual([]);
  expect(declaredPages().length).toBeGreaterThan(30);
});

test('every page meets the size, tap-target and naming rules at 390×844', async () => {
  const page = await e2e.newPage();
  const failures: Record<string, string[]> = {};
  // The first page, before signing in.
  await page.goto(e2e.appUrl);
  await page.locator('[data-testid="login-submit"]:visible').waitFor();
  const atLogin = await readabilityIssues(page, known);
  if (atLogin.length) failures['login/index/index'] = atLogin;
  await screenshot(page, 'pages-login-index');
  await loginAs(page, e2e.appUrl, 'admin');
  for (const [path, params] of visits()) {
    const query = params ? `?${new URLSearchParams(params).toString()}` : '';
    // A fresh load per page: Taro's router keeps the page before in the DOM, and a slow page
    // would otherwise be measured with the previous one still on screen.
    await page.goto('about:blank');
    await page.goto(`${e2e.appUrl}#/pages/${path}${query}`);
    // A page has loaded when its loading text is gone.
    await page.waitForLoadState('networkidle');
    await page
      .locator('.taro_page:visible :text("加载中")')
      .first()
      .waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => undefined);
    const issues = await readabilityIssues(page, known);
    if (issues.length) failures[path] = issues;
    await screenshot(page, `pages-${path.replace(/\/index$/, '').replace(/\//g, '-')}`);
  }
  expect(failures).toEqual({});
});
