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
  text,
  type E2E,
} from './harness.js';

// Purchase order entry on the phone (H5, 390x844), its approval in the manager's inbox, and
// the warehouse receiving against it by scanning.
jest.setTimeout(180_000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  const admin = await adminApi(e2e);
  // PP granules from 中塑: ¥9.85/kg, ¥9.50 from 5,000 kg.
  for (const body of [
    { supplier: 'S-ZHONGSU', item: 'PT-PP', unitPrice: '9.85', effectiveFrom: '2026-01-01' },
    {
      supplier: 'S-ZHONGSU',
      item: 'PT-PP',
      unitPrice: '9.5',
      minQty: '5000',
      effectiveFrom: '2026-01-01',
    },
  ]) {
    await admin.call('POST', '/api/price-lists', body);
  }
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('a planner enters a PO priced from the list, the manager approves it in the inbox, the warehouse receives it by scan', async () => {
  const planner = await e2e.newPage();
  await loginAs(planner, e2e.appUrl, 'lina');
  await byTestId(planner, 'tile-po-new').click();
  await byTestId(planner, 'po-edit-page').waitFor();

  // Wrong input first: nothing chosen, a price with seven decimals, a VAT rate of 100%.
  await fill(planner, 'po-line-0-qty', '0');
  await fill(planner, 'po-line-0-price', '1.1234567');
  await fill(planner, 'po-line-0-vat', '100');
  await expect(text(planner, 'po-line-0-price-error')).resolves.toBe('单价最多六位小数');
  await expect(text(planner, 'po-line-0-vat-error')).resolves.toContain('百分数');
  await byTestId(planner, 'po-submit').click();
  await byTestId(planner, 'po-supplier-error').waitFor();
  await expect(text(planner, 'po-supplier-error')).resolves.toBe('请选择供应商');
  await expect(text(planner, 'po-line-0-item-error')).resolves.toBe('请选择物料');
  await expect(text(planner, 'po-line-0-qty-error')).resolves.toContain('数量必须大于 0');
  await expect(text(planner, 'po-banner')).resolves.toContain('有些内容需要修改，请看标红的地方');
  await screenshot(planner, 'p1-po-wrong-input');

  // Put right: 6,000 kg of PP at the list's break price, and colour masterbatch typed in.
  await pick(planner, 'po-supplier', '中塑', 'S-ZHONGSU');
  await pick(planner, 'po-line-0-item', 'PT-PP', 'PT-PP');
  await fill(planner, 'po-line-0-vat', '13');
  // Cleared, the price comes from the supplier's list again (the break for the quantity).
  await fill(planner, 'po-line-0-price', '');
  await fill(planner, 'po-line-0-qty', '6000');
  await eventually(() => byTestId(planner, 'po-line-0-price').locator('input').inputValue(), '9.5');
  await expect(text(planner, 'po-line-0-amount')).resolves.toBe(
    '¥57,000.00 / ¥7,410.00 / ¥64,410.00',
  );
  await byTestId(planner, 'po-line-add').click();
  await pick(planner, 'po-line-1-item', 'PT-MB-WHT', 'PT-MB-WHT');
  await fill(planner, 'po-line-1-qty', '120');
  await fill(planner, 'po-line-1-price', '32.123456');
  // 120 × 32.123456 = 3,854.81472 -> ¥3,854.81; × 13% = 501.1253 -> ¥501.13
  await expect(text(planner, 'po-line-1-amount')).resolves.toBe('¥3,854.81 / ¥501.13 / ¥4,355.94');
  await expect(text(planner, 'po-total')).resolves.toBe('¥68,765.94');
  // Every field put right: the banner that announced the errors is gone too.
  await expect(byTestId(planner, 'po-banner').count()).resolves.toBe(0);
  await screenshot(planner, 'p2-po-entry');

  await byTestId(planner, 'po-submit').click();
  await byTestId(planner, 'po-detail-page').waitFor();
  await expect(text(planner, 'po-status')).resolves.toBe('审批中');
  await expect(text(planner, 'po-detail-total')).resolves.toBe('¥68,765.94');
  await expect(text(planner, 'po-supplier-name')).resolves.toContain('东莞市中塑化工贸易有限公司');
  const poNo = (await text(planner, 'po-no')).trim();
  expect(poNo).toMatch(/^PO/);
  await screenshot(planner, 'p3-po-pending');

  // The manager's inbox: the card names the supplier and the amount incl. VAT.
  const manager = await e2e.newPage();
  await loginAs(manager, e2e.appUrl, 'zhoujun');
  await byTestId(manager, 'tile-approvals').click();
  await byTestId(manager, `inbox-${poNo}`).waitFor();
  await expect(text(manager, `inbox-${poNo}`)).resolves.toContain('¥68,765.94');
  await byTestId(manager, `inbox-${poNo}-supplier`).waitFor();
  await expect(text(manager, `inbox-${poNo}-supplier`)).resolves.toBe(
    '供应商：东莞市中塑化工贸易有限公司',
  );
  await screenshot(manager, 'p4-inbox-po-card');
  await byTestId(manager, `inbox-${poNo}-approve`).click();
  await eventually(async () => byTestId(manager, `inbox-${poNo}`).count(), 0);

  const status = await eventually(async () => {
    await planner.reload();
    return text(planner, 'po-status');
  }, '已审核');
  expect(status).toBe('已审核');
  // The link for the supplier.
  await byTestId(planner, 'po-detail-share').click();
  await byTestId(planner, 'po-share-url').waitFor();
  const url = (await text(planner, 'po-share-url')).trim();
  expect(url).toMatch(/\/share\/purchase-orders\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  await screenshot(planner, 'p5-po-approved-shared');
  const supplierView = await e2e.newPage();
  await supplierView.goto(url);
  await expect(supplierView.locator('h1').textContent()).resolves.toBe(`采购订单 ${poNo}`);
  await expect(supplierView.locator('body').textContent()).resolves.toContain('¥68,765.94');
  await screenshot(supplierView, 'p6-supplier-page');

  // The warehouse receives against the order by scanning.
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await byTestId(clerk, 'tile-purchase-receipt').click();
  await byTestId(clerk, 'po-receipt-page').waitFor();
  await fill(clerk, 'po-receipt-scan-input', 'XX-NOTHING');
  await byTestId(clerk, 'po-receipt-scan-confirm').click();
  await byTestId(clerk, 'po-receipt-scan-error').waitFor();
  await expect(text(clerk, 'po-receipt-scan-error')).resolves.toContain(
    '不是采购订单号，也不是物料编码或条码',
  );
  await fill(clerk, 'po-receipt-scan-input', poNo);
  await byTestId(clerk, 'po-receipt-scan-confirm').click();
  await byTestId(clerk, 'po-receipt-order').waitFor();
  // Scanning the masterbatch picks its line.
  await fill(clerk, 'po-receipt-scan-input', 'PT-MB-WHT');
  await byTestId(clerk, 'po-receipt-scan-confirm').click();
  await eventually(
    () => byTestId(clerk, 'po-receipt-line-2').getAttribute('data-selected'),
    'true',
  );
  // More than ordered: refused, said in Chinese.
  await fill(clerk, 'po-receipt-qty', '200');
  await byTestId(clerk, 'po-receipt-submit').click();
  await byTestId(clerk, 'po-receipt-banner').waitFor();
  await expect(text(clerk, 'po-receipt-banner')).resolves.toContain('超量收货');
  await screenshot(clerk, 'p7-receipt-over');
  await fill(clerk, 'po-receipt-qty', '100');
  await pick(clerk, 'po-receipt-warehouse', '原料', 'RM');
  await byTestId(clerk, 'po-receipt-submit').click();
  await byTestId(clerk, 'po-receipt-done').waitFor();
  await expect(text(clerk, 'po-receipt-no')).resolves.toMatch(/入库单 RC/);
  await expect(text(clerk, 'po-receipt-done')).resolves.toContain('原料仓');
  await expect(text(clerk, 'po-receipt-line-2')).resolves.toContain('待收 20');
  await screenshot(clerk, 'p8-receipt-done');

  await planner.reload();
  await expect(text(planner, 'po-detail-line-2-received')).resolves.toContain('已收 100');
});
