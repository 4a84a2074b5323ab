import { jest } from '@jest/globals';
import type { Delivery, Page as ApiPage, SalesOrder } from '@factory/shared';
import {
  adminApi,
  byTestId,
  fill,
  loginAs,
  screenshot,
  startE2E,
  text,
  type E2E,
} from './harness.js';

// Delivery by scan in the mini-program (H5), issue 12: the warehouse clerk finds the customer,
// picks an open line of its confirmed order, a wrong scan is refused clearly, the right item
// is scanned, the quantity lowered, and one delivery (发货单) is posted against the order.
jest.setTimeout(180_000);

const ORDER = 'SO-2611-018'; // 广州惠佳: FG-FS40 × 600 and FG-TS40 × 300 (imported, open)

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('delivery by scan: customer, open lines by name, a wrong scan refused, the right one posted', async () => {
  const api = await adminApi(e2e);
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await byTestId(clerk, 'tile-delivery').waitFor();
  await byTestId(clerk, 'tile-delivery').click();
  await byTestId(clerk, 'delivery-page').waitFor();

  await fill(clerk, 'delivery-customer-query', '惠佳');
  await byTestId(clerk, 'delivery-customer-search').click();
  await byTestId(clerk, 'delivery-customer-C-HUIJIA').click();
  await expect(text(clerk, 'delivery-customer')).resolves.toBe('广州惠佳家电商贸有限公司');
  const line = `delivery-line-${ORDER}-1`;
  await byTestId(clerk, line).waitFor();
  // Names, not bare codes: the item's name, what is open, the warehouse's name.
  await expect(text(clerk, line)).resolves.toContain('16寸落地扇');
  await expect(text(clerk, `${line}-qty`)).resolves.toContain('未发 600');
  await expect(text(clerk, `${line}-qty`)).resolves.toContain('成品仓');
  await screenshot(clerk, 'd1-delivery-lines');

  // Scanning before choosing a line, then the table fan's code on the floor fan's line.
  await fill(clerk, 'delivery-scan-input', 'FG-FS40');
  await byTestId(clerk, 'delivery-scan-confirm').click();
  await expect(text(clerk, 'delivery-scan-error')).resolves.toContain('请先点选要发货的订单行');
  await byTestId(clerk, line).click();
  await fill(clerk, 'delivery-scan-input', 'FG-TS40');
  await byTestId(clerk, 'delivery-scan-confirm').click();
  await expect(text(clerk, 'delivery-scan-error')).resolves.toContain(
    '扫错了：本行是 16寸落地扇 FS40(座控机械款)，扫到的是 16寸台扇 TS40',
  );
  await expect(byTestId(clerk, `${line}-ok`).count()).resolves.toBe(0);
  // The raw-material store's label is not where the line ships from.
  await fill(clerk, 'delivery-scan-input', 'RM');
  await byTestId(clerk, 'delivery-scan-confirm').click();
  await expect(text(clerk, 'delivery-scan-error')).resolves.toContain('库位不对');
  await screenshot(clerk, 'd2-delivery-wrong-scan');

  await fill(clerk, 'delivery-scan-input', 'FG');
  await byTestId(clerk, 'delivery-scan-confirm').click();
  await byTestId(clerk, `${line}-located`).waitFor();
  await fill(clerk, 'delivery-scan-input', 'FG-FS40');
  await byTestId(clerk, 'delivery-scan-confirm').click();
  await byTestId(clerk, `${line}-ok`).waitFor();
  await expect(byTestId(clerk, 'delivery-scan-error').count()).resolves.toBe(0);
  // More than in stock is the server's refusal, shown on the page; more than open is refused
  // before sending.
  await fill(clerk, `${line}-pick`, '601');
  await expect(text(clerk, `${line}-error`)).resolves.toContain('超过未发数量 600');
  await fill(clerk, `${line}-pick`, '500');
  await byTestId(clerk, 'delivery-submit').click();
  await expect(text(clerk, 'form-error')).resolves.toContain(
    '库存不足：16寸落地扇 FS40(座控机械款) 在 成品仓 可发 260个，本次 500',
  );
  await fill(clerk, `${line}-pick`, '200');
  await screenshot(clerk, 'd3-delivery-scanned');
  await byTestId(clerk, 'delivery-submit').click();
  await expect(text(clerk, 'delivery-done')).resolves.toMatch(/发货单 DL-\S+ 已过账/);
  await clerk.waitForFunction(
    (testId) =>
      document.querySelector(`[data-testid="${testId}"]`)?.textContent?.includes('未发 400'),
    `${line}-qty`,
  );
  await screenshot(clerk, 'd4-delivery-posted');

  // The delivery note: shared as a link, opened without a login, printable.
  await byTestId(clerk, 'delivery-share').click();
  const url = await text(clerk, 'delivery-share-url');
  expect(url).toMatch(/\/share\/deliveries\/[\w-]+\.[\w-]+$/);
  const note = await e2e.newPage();
  const res = await note.goto(url);
  expect(res?.status()).toBe(200);
  await expect(note.locator('h1').textContent()).resolves.toBe('发货单');
  const body = (await note.locator('body').textContent()) ?? '';
  expect(body).toContain('广州惠佳家电商贸有限公司');
  expect(body).toContain('16寸落地扇 FS40(座控机械款)');
  expect(body).toContain(ORDER);
  expect(body).toContain('成品仓');
  await screenshot(note, 'd5-delivery-note');

  // The order's line was delivered 200, and the delivery is listed against it.
  const order = await api.call<SalesOrder>('GET', `/api/sales-orders/${ORDER}`);
  expect(order.lines.map((l) => l.delivered)).toEqual(['200', '0']);
  const list = await api.call<ApiPage<Delivery>>('GET', `/api/deliveries?salesOrder=${ORDER}`);
  expect(list.items.map((d) => [d.customer, d.lines.map((l) => [l.item, l.qty])])).toEqual([
    ['C-HUIJIA', [['FG-FS40', '200']]],
  ]);
  expect(e2e.cspViolations).toEqual([]);
});
