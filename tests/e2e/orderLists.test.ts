import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { byTestId, loginAs, screenshot, startE2E, text, type E2E } from './harness.js';
import { readabilityIssues } from './readable.js';

// The order lists and the quality and outsourcing pages on a 390×844 phone (H5 build), demo
// factory as imported (its orders name partners by code only): customers, suppliers and
// subcontractors by name with the code beside it, every quantity with its unit.
jest.setTimeout(180_000);

const factory = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../functions/local/demo/factory.json', import.meta.url)),
    'utf8',
  ),
) as { partners: { code: string; name: string }[] };
const partners = Object.fromEntries(factory.partners.map((p) => [p.code, p.name] as const));

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

/** The rows' partner texts: each the partner's name, then its code. */
async function partnerTexts(page: Page, prefix: string, suffix: string): Promise<string[]> {
  const cells = page.locator(`[data-testid^="${prefix}"][data-testid$="${suffix}"]:visible`);
  await cells.first().waitFor();
  return cells.allTextContents();
}

const named = (shown: string) => {
  const code = shown.trim().split(' ').at(-1)!;
  return { code, ok: partners[code] !== undefined && shown.startsWith(partners[code]!) };
};

test('sales and purchase orders list their customers and suppliers by name, code beside', async () => {
  const page = await e2e.newPage();
  await loginAs(page, e2e.appUrl, 'admin');

  await page.goto(`${e2e.appUrl}#/pages/sales/orders/index`);
  const customers = await partnerTexts(page, 'order-row-', '-customer');
  expect(customers.length).toBeGreaterThan(0);
  for (const shown of customers)
    expect(named(shown)).toEqual({ code: expect.any(String), ok: true });
  expect(await readabilityIssues(page, { partners })).toEqual([]);
  await screenshot(page, 'lists-sales-orders');

  await page.goto(`${e2e.appUrl}#/pages/purchasing/pos/index`);
  const suppliers = await partnerTexts(page, 'po-row-', '-supplier');
  expect(suppliers.length).toBeGreaterThan(0);
  for (const shown of suppliers)
    expect(named(shown)).toEqual({ code: expect.any(String), ok: true });
  expect(await readabilityIssues(page, { partners })).toEqual([]);
  await screenshot(page, 'lists-purchase-orders');
});

test('outsourcing orders: subcontractors by name, quantities with their units', async () => {
  const page = await e2e.newPage();
  await loginAs(page, e2e.appUrl, 'admin');
  await page.goto(`${e2e.appUrl}#/pages/outsourcing/orders/index`);
  const subs = await partnerTexts(page, 'os-row-', '-sub');
  expect(subs.length).toBeGreaterThan(0);
  for (const shown of subs) {
    const code = Object.keys(partners).find((c) => shown.includes(c));
    expect(code).toBeDefined();
    expect(shown).toContain(`${partners[code!]} ${code}`);
  }
  // "立杆外管Φ19(镀铬) · 1,000 个 · 已收 0 个": a space, the unit's name, grouped digits.
  const items = await page
    .locator('[data-testid^="os-row-"][data-testid$="-item"]:visible')
    .allTextContents();
  for (const shown of items) expect(shown).toMatch(/ · \d{1,3}(,\d{3})*(\.\d+)? \S+ · 已收 \d/);
  expect(await readabilityIssues(page, { partners })).toEqual([]);
  await screenshot(page, 'lists-outsourcing-orders');

  // An order: every component figure with its unit.
  await page.locator('[data-testid^="os-row-"][data-testid$="-item"]:visible').first().click();
  await byTestId(page, 'os-order-page').waitFor();
  const comps = page.locator('[data-testid^="os-comp-"][data-testid$="-figures"]:visible');
  await comps.first().waitFor();
  const figures = await comps.allTextContents();
  expect(figures.length).toBeGreaterThan(0);
  for (const shown of figures)
    expect(shown).toMatch(
      /^应发 [\d,.]+ \S+ · 已发 [\d,.]+ \S+ · 在外协厂 [\d,.]+ \S+ · 已耗用 [\d,.]+ \S+$/,
    );
  await expect(text(page, 'os-fee-amount')).resolves.toMatch(/^¥[\d,]+\.\d{2}$/);
  await screenshot(page, 'lists-outsourcing-order');
});

test('quality: the inspection list and an inspection show quantities with units and the partner by name', async () => {
  const page = await e2e.newPage();
  await loginAs(page, e2e.appUrl, 'admin');
  // A purchase receipt of an inspected part opens an inspection order.
  const token = await (
    await fetch(`${e2e.runtime.url}/api/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'admin' }),
    })
  ).json();
  const call = (method: string, path: string, body: unknown) =>
    fetch(`${e2e.runtime.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${(token as { token: string }).token}`,
        'content-type': 'application/json',
        'idempotency-key': `lists-${path.replace(/\W/g, '')}-${method}`,
      },
      body: JSON.stringify(body),
    });
  await call('PUT', '/api/inspection-plans/PT-GBOX', {
    receipts: ['purchase'],
    sampling: { rule: 'fixed', count: '5' },
  });
  const receipt = await call('POST', '/api/purchase-receipts', {
    purchaseOrder: 'PO-2611-041',
    date: '2026-12-01',
    lines: [{ line: 2, qty: '600', warehouse: 'RM' }],
  });
  expect(receipt.status).toBe(201);
  const no = `QC-${((await receipt.json()) as { document: { no: string } }).document.no}-1`;

  await page.goto(`${e2e.appUrl}#/pages/quality/inspections/index`);
  await byTestId(page, `inspection-row-${no}`).waitFor();
  await expect(text(page, `inspection-row-${no}-qty`)).resolves.toBe('600 个');
  await expect(text(page, `inspection-row-${no}-partner`)).resolves.toBe(
    '佛山市顺德区威达电机有限公司 S-WEIDA',
  );
  expect(await readabilityIssues(page, { partners })).toEqual([]);
  await screenshot(page, 'lists-inspections');

  await page.goto(`${e2e.appUrl}#/pages/quality/inspection/index?no=${no}`);
  await expect(text(page, 'inspection-qty')).resolves.toContain('600 个');
  await screenshot(page, 'lists-inspection');
});
