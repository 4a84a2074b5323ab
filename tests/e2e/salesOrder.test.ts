import { jest } from '@jest/globals';
import {
  byTestId,
  eventually,
  fill,
  loginAs,
  pick,
  screenshot,
  startE2E,
  type E2E,
} from './harness.js';

// Sales order entry in the mini-program (H5) through to approval in the WeCom simulator.
jest.setTimeout(120_000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('a rep enters an order above ¥50,000; the manager approves it on the WeCom card; it is confirmed', async () => {
  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await expect(byTestId(rep, 'home-user').textContent()).resolves.toContain('张伟');
  await screenshot(rep, 'a1-home-sales');

  await byTestId(rep, 'tile-order-new').click();
  await byTestId(rep, 'order-edit-page').waitFor();
  await pick(rep, 'order-customer', '惠佳', 'C-HUIJIA');
  await pick(rep, 'line-0-item', 'FS40', 'FG-FS40');
  await fill(rep, 'line-0-qty', '200');
  await fill(rep, 'line-0-price', '268.50');
  await fill(rep, 'line-0-due', '2027-01-15');
  await expect(byTestId(rep, 'line-0-amount').textContent()).resolves.toBe('¥53,700.00');
  await byTestId(rep, 'line-add').click();
  await pick(rep, 'line-1-item', 'TS40', 'FG-TS40');
  await fill(rep, 'line-1-qty', '3');
  await fill(rep, 'line-1-price', '0.10');
  await expect(byTestId(rep, 'order-total').textContent()).resolves.toBe('¥53,700.30');
  await screenshot(rep, 'a2-order-entry');

  await byTestId(rep, 'order-submit').click();
  await byTestId(rep, 'order-detail-page').waitFor();
  await expect(byTestId(rep, 'order-status').textContent()).resolves.toBe('审批中');
  const orderNo = (await byTestId(rep, 'order-no').textContent())!.trim();
  expect(orderNo).toMatch(/\S/);
  await expect(byTestId(rep, 'order-total').textContent()).resolves.toBe('¥53,700.30');
  await screenshot(rep, 'a3-order-pending');

  // The manager's WeCom: the approval card arrived in the simulator's inbox page.
  const manager = await e2e.newPage();
  await manager.goto(`${e2e.simUrl}?corpid=wwdemo01&userid=zhoujun`);
  const card = manager.locator('[data-testid^="message-"]', { hasText: orderNo });
  await card.waitFor();
  await screenshot(manager, 'a4-sim-card');
  await card.locator('button[data-key^="approve"]').click();
  await card.locator('[data-testid^="card-done-"]').waitFor();
  await expect(card.locator('[data-testid^="card-done-"]').textContent()).resolves.toContain(
    '已同意',
  );
  await screenshot(manager, 'a5-sim-card-approved');

  // The click went through the encrypted callback; once processed the order is confirmed.
  await e2e.runtime.wecom!.idle();
  const status = await eventually(async () => {
    await rep.reload();
    return byTestId(rep, 'order-status').textContent();
  }, '已确认');
  expect(status).toBe('已确认');
  await screenshot(rep, 'a6-order-confirmed');

  // And in the rep's list.
  await rep.goto(`${e2e.appUrl}#/pages/sales/orders/index`);
  await expect(byTestId(rep, `order-row-${orderNo}-status`).textContent()).resolves.toBe('已确认');
  await screenshot(rep, 'a7-my-orders');
});

test('bad data: every problem the API reports is shown under its field, in Chinese', async () => {
  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await rep.goto(`${e2e.appUrl}#/pages/sales/order-edit/index`);
  await byTestId(rep, 'order-edit-page').waitFor();
  // No customer, no item; a zero quantity, a price with three decimals, a date that does not exist.
  await fill(rep, 'line-0-qty', '0');
  await fill(rep, 'line-0-price', '12.345');
  await fill(rep, 'line-0-due', '2026-02-30');
  await byTestId(rep, 'order-submit').click();

  await byTestId(rep, 'order-customer-error').waitFor();
  const errors = {
    customer: await byTestId(rep, 'order-customer-error').textContent(),
    item: await byTestId(rep, 'line-0-item-error').textContent(),
    qty: await byTestId(rep, 'line-0-qty-error').textContent(),
    price: await byTestId(rep, 'line-0-price-error').textContent(),
    due: await byTestId(rep, 'line-0-due-error').textContent(),
  };
  expect(errors.customer).toBe('请选择客户');
  expect(errors.item).toBe('请选择物料');
  expect(errors.qty).toContain('数量必须大于 0');
  expect(errors.price).toContain('单价');
  expect(errors.due).toContain('不是有效日期');
  for (const message of Object.values(errors)) expect(message).toMatch(/[\u4e00-\u9fff]/);
  await expect(byTestId(rep, 'form-error').textContent()).resolves.toContain('请求参数有误');
  await expect(byTestId(rep, 'line-0-amount').textContent()).resolves.toBe('—');
  await screenshot(rep, 'b1-field-errors');

  // Nothing was saved: still on the entry page, no order number.
  await expect(byTestId(rep, 'order-no').count()).resolves.toBe(0);
});
