import { jest } from '@jest/globals';
import {
  answerModal,
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
  // The rep may still cancel it; the approver opening it in the mini-program is not offered
  // 取消订单 on someone else's order (they decide in 审批).
  await expect(byTestId(rep, 'order-cancel').count()).resolves.toBe(1);
  const approver = await e2e.newPage();
  await loginAs(approver, e2e.appUrl, 'zhoujun');
  await approver.goto(`${e2e.appUrl}#/pages/sales/order-detail/index?no=${orderNo}`);
  await byTestId(approver, 'order-status').waitFor();
  await expect(byTestId(approver, 'order-cancel').count()).resolves.toBe(0);
  await expect(byTestId(approver, 'order-edit').count()).resolves.toBe(0);
  await approver.close();

  // The manager's WeCom: the approval card (sent by the outbox worker after the submit
  // answered) arrived in the simulator's inbox page.
  await e2e.runtime.wecom!.idle();
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

test('bad data: every problem the API reports is shown under its field, in Chinese; corrected, saved as a draft, edited, submitted', async () => {
  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await rep.goto(`${e2e.appUrl}#/pages/sales/order-edit/index`);
  await byTestId(rep, 'order-edit-page').waitFor();
  // No customer, no item; a zero quantity, a price with seven decimals, the date cleared (the
  // date picker cannot give a malformed one).
  await fill(rep, 'line-0-qty', '0');
  await fill(rep, 'line-0-price', '12.3456789');
  await fill(rep, 'line-0-due', '');
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
  expect(errors.due).toContain('日期');
  for (const message of Object.values(errors)) expect(message).toMatch(/[\u4e00-\u9fff]/);
  await expect(byTestId(rep, 'form-error').textContent()).resolves.toContain(
    '有些内容需要修改，请看标红的地方',
  );
  await expect(byTestId(rep, 'line-0-amount').textContent()).resolves.toBe('—');
  await screenshot(rep, 'b1-field-errors');

  // Nothing was saved: still on the entry page, no order number.
  await expect(byTestId(rep, 'order-no').count()).resolves.toBe(0);

  // Put it right and keep it as a draft; edit the draft; submit it: under ¥50,000 it is
  // confirmed at once.
  await pick(rep, 'order-customer', '绿源', 'C-LVYUAN');
  await pick(rep, 'line-0-item', 'FS40R', 'FG-FS40R');
  await fill(rep, 'line-0-qty', '10');
  await fill(rep, 'line-0-price', '12.34');
  await fill(rep, 'line-0-due', '2027-03-01');
  await byTestId(rep, 'order-save').click();
  await byTestId(rep, 'order-detail-page').waitFor();
  await expect(byTestId(rep, 'order-status').textContent()).resolves.toBe('草稿');
  await expect(byTestId(rep, 'order-total').textContent()).resolves.toBe('¥123.40');
  await byTestId(rep, 'order-edit').click();
  await byTestId(rep, 'order-edit-page').waitFor();
  await expect(byTestId(rep, 'order-customer-input').locator('input').inputValue()).resolves.toBe(
    '深圳市绿源酒店用品有限公司',
  );
  await fill(rep, 'line-0-qty', '12');
  await expect(byTestId(rep, 'order-total').textContent()).resolves.toBe('¥148.08');
  await byTestId(rep, 'order-submit').click();
  await byTestId(rep, 'order-detail-page').waitFor();
  await expect(byTestId(rep, 'order-total').textContent()).resolves.toBe('¥148.08');
  await expect(byTestId(rep, 'order-status').textContent()).resolves.toBe('已确认');
  await screenshot(rep, 'b2-draft-edited-confirmed');
});

test('a huge quantity shows an error under it and no total, never a wrong number; the API refuses it the same way', async () => {
  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await rep.goto(`${e2e.appUrl}#/pages/sales/order-edit/index`);
  await pick(rep, 'order-customer', '惠佳', 'C-HUIJIA');
  await pick(rep, 'line-0-item', 'FS40', 'FG-FS40');
  await fill(rep, 'line-0-due', '2027-01-15');
  // 15 digits: once in fen past 2^53 (the total used to show a rounded number).
  await fill(rep, 'line-0-qty', '999999999999999');
  await fill(rep, 'line-0-price', '1');
  await expect(byTestId(rep, 'line-0-qty-error').textContent()).resolves.toBe(
    '超出范围：最多 12 位整数、6 位小数',
  );
  await expect(byTestId(rep, 'line-0-amount').textContent()).resolves.toBe('—');
  await expect(byTestId(rep, 'order-total').textContent()).resolves.toBe('—');
  // In range, but the amount is past ¥99,999,999,999.99: the API answers a 400 at this field.
  await fill(rep, 'line-0-qty', '999999999999');
  await fill(rep, 'line-0-price', '199.90');
  await expect(byTestId(rep, 'line-0-qty-error').textContent()).resolves.toContain('超出上限');
  await byTestId(rep, 'order-save').click();
  await byTestId(rep, 'form-error').waitFor();
  await expect(byTestId(rep, 'line-0-qty-error').textContent()).resolves.toBe(
    '金额（数量 × 单价）超出上限 ¥99,999,999,999.99',
  );
  await expect(byTestId(rep, 'order-no').count()).resolves.toBe(0);
  await screenshot(rep, 'b3-huge-quantity');
  await fill(rep, 'line-0-qty', '2');
  await expect(byTestId(rep, 'order-total').textContent()).resolves.toBe('¥399.80');
});

test('the manager rejects an order in the inbox: a reason is required and confirmed; the rep sees 已驳回, changes it and submits again, then cancels it after a confirmation', async () => {
  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await rep.goto(`${e2e.appUrl}#/pages/sales/order-edit/index`);
  await pick(rep, 'order-customer', 'C-YIJIA', 'C-YIJIA');
  await pick(rep, 'line-0-item', 'BS40', 'FG-BS40YJ');
  await fill(rep, 'line-0-qty', '500');
  await fill(rep, 'line-0-price', '199');
  await expect(byTestId(rep, 'order-total').textContent()).resolves.toBe('¥99,500.00');
  await byTestId(rep, 'order-submit').click();
  await byTestId(rep, 'order-detail-page').waitFor();
  await expect(byTestId(rep, 'order-status').textContent()).resolves.toBe('审批中');
  const orderNo = (await byTestId(rep, 'order-no').textContent())!.trim();

  const manager = await e2e.newPage();
  await loginAs(manager, e2e.appUrl, 'zhoujun');
  await byTestId(manager, 'tile-approvals').click();
  await byTestId(manager, `inbox-${orderNo}`).waitFor();
  // The approval weighs the amount including VAT: ¥99,500.00 + 13%.
  await expect(byTestId(manager, `inbox-${orderNo}`).textContent()).resolves.toContain(
    '¥112,435.00',
  );
  // The order behind the card, then back to the inbox.
  await byTestId(manager, `inbox-${orderNo}-open`).click();
  await expect(byTestId(manager, 'order-status').textContent()).resolves.toBe('审批中');
  await manager.goBack();
  // 驳回 without a reason: the field says so, nothing is asked or sent.
  await byTestId(manager, `inbox-${orderNo}-reject`).click();
  await expect(byTestId(manager, `inbox-${orderNo}-comment-error`).textContent()).resolves.toBe(
    '请填写驳回原因',
  );
  await expect(manager.locator('.taro-modal__content:visible').count()).resolves.toBe(0);
  await fill(manager, `inbox-${orderNo}-comment`, '价格偏低，请重新报价');
  await screenshot(manager, 'c1-inbox-pending');
  // With a reason it asks first; 返回 leaves the order waiting.
  await byTestId(manager, `inbox-${orderNo}-reject`).click();
  await screenshot(manager, 'c1b-reject-confirm');
  expect(await answerModal(manager, 'cancel')).toContain('原因：价格偏低，请重新报价');
  await expect(byTestId(manager, `inbox-${orderNo}`).count()).resolves.toBe(1);
  await byTestId(manager, `inbox-${orderNo}-reject`).click();
  await answerModal(manager, 'confirm');
  await byTestId(manager, `inbox-${orderNo}`).waitFor({ state: 'detached' });
  await byTestId(manager, 'inbox-tab-decided').click();
  await expect(byTestId(manager, `inbox-${orderNo}-decision`).textContent()).resolves.toContain(
    '已驳回',
  );
  await screenshot(manager, 'c2-inbox-decided');

  await rep.reload();
  await expect(byTestId(rep, 'order-status').textContent()).resolves.toBe('已驳回');
  await expect(byTestId(rep, 'order-approval').textContent()).resolves.toContain(
    '价格偏低，请重新报价',
  );
  await byTestId(rep, 'order-rejected-hint').waitFor();
  await screenshot(rep, 'c3-order-rejected');

  // The rep puts the price right and submits it again: a new approval is waiting.
  await byTestId(rep, 'order-edit').click();
  await byTestId(rep, 'order-edit-page').waitFor();
  await fill(rep, 'line-0-price', '219');
  await expect(byTestId(rep, 'order-total').textContent()).resolves.toBe('¥109,500.00');
  await expect(byTestId(rep, 'order-tax').textContent()).resolves.toBe('¥14,235.00');
  await expect(byTestId(rep, 'order-total-with-tax').textContent()).resolves.toBe('¥123,735.00');
  await byTestId(rep, 'order-submit').click();
  await byTestId(rep, 'order-detail-page').waitFor();
  await expect(byTestId(rep, 'order-status').textContent()).resolves.toBe('审批中');
  await expect(byTestId(rep, 'order-total').textContent()).resolves.toBe('¥109,500.00');
  await screenshot(rep, 'c4-order-resubmitted');

  // Cancelling asks first: 返回 keeps it, 取消订单 cancels it.
  await byTestId(rep, 'order-cancel').click();
  expect(await answerModal(rep, 'cancel')).toContain(orderNo);
  await expect(byTestId(rep, 'order-status').textContent()).resolves.toBe('审批中');
  await byTestId(rep, 'order-cancel').click();
  await screenshot(rep, 'c5-cancel-confirm');
  await answerModal(rep, 'confirm');
  expect(await eventually(() => byTestId(rep, 'order-status').textContent(), '已取消')).toBe(
    '已取消',
  );
  await screenshot(rep, 'c6-order-cancelled');
});

test('stock inquiry by warehouse and by item', async () => {
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await byTestId(clerk, 'tile-stock').click();
  await byTestId(clerk, 'stock-mode-warehouse').click();
  await byTestId(clerk, 'stock-warehouse-RM').click();
  await byTestId(clerk, 'stock-row-PT-MOT40-RM').waitFor();
  await byTestId(clerk, 'stock-mode-item').click();
  await pick(clerk, 'stock-item', 'PT-CAP12', 'PT-CAP12');
  await expect(byTestId(clerk, 'stock-row-PT-CAP12-RM').textContent()).resolves.toMatch(/\d/);
  await screenshot(clerk, 'd1-stock-by-item');
});

test('the pages ran under the /app/ Content-Security-Policy without a violation', async () => {
  const page = await fetch(e2e.appUrl);
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(page.headers.get('x-frame-options')).toBe('DENY');
  expect(e2e.cspViolations).toEqual([]);
});
