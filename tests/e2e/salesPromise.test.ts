import { jest } from '@jest/globals';
import {
  adminApi,
  byTestId,
  eventually,
  fill,
  loginAs,
  pick,
  screenshot,
  startE2E,
  type E2E,
} from './harness.js';

// Promise date (交期承诺) on the order entry page, on a 390×844 phone (H5 build), demo factory
// on its run date 2026-12-01: 1,000 16寸台扇 TS40 (FG-TS40, a sellable end item) are received
// first, so 10 come from free stock; 5,000 need production through the BOM's lead times.
jest.setTimeout(120_000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  const api = await adminApi(e2e);
  await api.call('POST', '/api/stock/receipts', {
    date: '2026-12-01',
    reason: 'other',
    lines: [{ item: 'FG-TS40', warehouse: 'FG', qty: '1000' }],
  });
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('each line shows its promise date while the rep types the quantity, and the confirmed line keeps it', async () => {
  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await rep.goto(`${e2e.appUrl}#/pages/sales/order-edit/index`);
  await byTestId(rep, 'order-edit-page').waitFor();
  await pick(rep, 'order-customer', '惠佳', 'C-HUIJIA');
  await pick(rep, 'line-0-item', 'TS40', 'FG-TS40');

  // A quantity free stock covers: today, from stock.
  await fill(rep, 'line-0-qty', '10');
  const ok = byTestId(rep, 'line-0-promise-ok');
  await ok.waitFor();
  await expect(ok.textContent()).resolves.toBe('2026-12-01（现有库存）');
  await screenshot(rep, 'p1-promise-from-stock');

  // A larger one needs production: dated by lead times, in words.
  await fill(rep, 'line-0-qty', '5000');
  const later = await eventually(
    () => byTestId(rep, 'line-0-promise-ok').textContent(),
    '2026-12-23（按提前期排产）',
  );
  expect(later).toBe('2026-12-23（按提前期排产）');
  await screenshot(rep, 'p2-promise-by-lead-times');

  // The text is legible on the phone (at least 14px).
  const size = await byTestId(rep, 'line-0-promise-ok').evaluate((el) =>
    parseFloat(getComputedStyle(el).fontSize),
  );
  expect(size).toBeGreaterThanOrEqual(14);

  // Back to 10, priced and submitted: confirmed at once, the line keeps its promise.
  await fill(rep, 'line-0-qty', '10');
  await eventually(
    () => byTestId(rep, 'line-0-promise-ok').textContent(),
    '2026-12-01（现有库存）',
  );
  await fill(rep, 'line-0-price', '35');
  await fill(rep, 'line-0-due', '2026-12-10');
  await byTestId(rep, 'order-submit').click();
  await byTestId(rep, 'order-detail-page').waitFor();
  await expect(byTestId(rep, 'order-status').textContent()).resolves.toBe('已确认');
  await expect(byTestId(rep, 'order-line-1-promise').textContent()).resolves.toBe(
    '承诺交期2026-12-01（现有库存）',
  );
  await screenshot(rep, 'p3-order-confirmed-with-promise');
});
