import { jest } from '@jest/globals';
import type { OutsourcingOrder, PurchaseReceipt } from '@factory/shared';
import type { Page } from 'playwright-core';
import {
  adminApi,
  type AdminApi,
  byTestId,
  type E2E,
  errorState,
  expectErrorFocused,
  fill,
  loginAs,
  pick,
  screenshot,
  startE2E,
  submitFromBottom,
  text,
} from './harness.js';

// Field errors on the warehouse and shop-floor forms (issue 18) on a 390×844 phone (H5 build):
// each form is submitted from the bottom of the page with something wrong; the first error is
// brought on screen with the cursor in its field; changing that field takes its error away at
// once (before any new submit) while a second error stays until its own field changes.
jest.setTimeout(240_000);

const TASK_ORDER = 'MO-2612-002'; // SA-HEAD40 × 600, released, in the demo
const PO = 'PO-2611-041'; // 威达: line 2 PT-GBOX, 600 ordered, open

let e2e: E2E;
let api: AdminApi;

beforeAll(async () => {
  e2e = await startE2E();
  api = await adminApi(e2e);
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

async function openAs(user: string, route: string): Promise<Page> {
  const page = await e2e.newPage();
  await loginAs(page, e2e.appUrl, user);
  await page.goto(`${e2e.appUrl}#${route}`);
  return page;
}

test('完工入库: a quantity the API refuses is focused, and goes as it is retyped', async () => {
  const clerk = await openAs('wangqiang', `/pages/shopfloor/receipt/index?no=${TASK_ORDER}`);
  await byTestId(clerk, 'receipt-order').waitFor();
  await fill(clerk, 'receipt-qty', '-5');
  await submitFromBottom(clerk, 'receipt-submit');
  await expectErrorFocused(clerk, 'receipt-qty');
  await expect(text(clerk, 'receipt-qty-error')).resolves.toBe('数量必须大于 0');
  await screenshot(clerk, 'errors-production-receipt');
  await fill(clerk, 'receipt-qty', '5');
  await expect(errorState(clerk, 'receipt-qty')).resolves.toBe('none');
});

test('采购收货: the quantity refused under its field is focused from the bottom of the page', async () => {
  const clerk = await openAs('wangqiang', `/pages/shopfloor/receipt/index?kind=purchase&po=${PO}`);
  await byTestId(clerk, 'po-receipt-order').waitFor();
  await byTestId(clerk, 'po-receipt-line-2').click();
  await fill(clerk, 'po-receipt-qty', '-5');
  await submitFromBottom(clerk, 'po-receipt-submit');
  await expectErrorFocused(clerk, 'po-receipt-qty');
  await expect(text(clerk, 'po-receipt-qty-error')).resolves.toBe('数量必须大于 0');
  await screenshot(clerk, 'errors-purchase-receipt');
  await fill(clerk, 'po-receipt-qty', '10');
  await expect(errorState(clerk, 'po-receipt-qty')).resolves.toBe('none');
});

test('报工: the first of two refused quantities is focused; retyping it leaves the other', async () => {
  const worker = await openAs('chenjie', `/pages/shopfloor/report/index?no=${TASK_ORDER}`);
  await byTestId(worker, 'report-page').waitFor();
  await fill(worker, 'report-good', '-5');
  await fill(worker, 'report-hours', '-1');
  await submitFromBottom(worker, 'report-submit');
  await expectErrorFocused(worker, 'report-good');
  await expect(text(worker, 'report-good-error')).resolves.toBe('数量不能为负');
  await expect(text(worker, 'report-hours-error')).resolves.toBe('数量不能为负');
  await screenshot(worker, 'errors-work-report');
  await fill(worker, 'report-good', '5');
  await expect(errorState(worker, 'report-good')).resolves.toBe('none');
  await expect(errorState(worker, 'report-hours')).resolves.not.toBe('none');
  await fill(worker, 'report-hours', '1');
  await expect(errorState(worker, 'report-hours')).resolves.toBe('none');
});

test('补料: the page refuses without item and reason; the item is focused, then the reason stays', async () => {
  // Earlier requests of the order are listed above the submit: the form's top scrolls away.
  for (const reason of ['注塑毛刺报废', '来料不良', '装配损坏', '试产多用']) {
    await api.call('POST', `/api/task-orders/${TASK_ORDER}/supplementary`, {
      date: '2026-12-01',
      reason,
      lines: [{ item: 'PT-CAP12', qty: '1' }],
    });
  }
  const clerk = await openAs('wangqiang', `/pages/shopfloor/supplementary/index?no=${TASK_ORDER}`);
  await byTestId(clerk, 'supplementary-history').waitFor();
  await fill(clerk, 'supplementary-qty', '5');
  await submitFromBottom(clerk, 'supplementary-submit', 'supplementary-item');
  await expectErrorFocused(clerk, 'supplementary-item');
  await expect(text(clerk, 'supplementary-item-error')).resolves.toBe('请选择要补的物料');
  await expect(text(clerk, 'supplementary-reason-error')).resolves.toBe('请填写补料原因');
  await screenshot(clerk, 'errors-supplementary');
  // The cursor is in the item search: the order's own components are offered.
  await pick(clerk, 'supplementary-item', 'MOT', 'PT-MOT40');
  await expect(errorState(clerk, 'supplementary-item')).resolves.toBe('none');
  await expect(errorState(clerk, 'supplementary-reason')).resolves.not.toBe('none');
  await fill(clerk, 'supplementary-reason', '电机来料不良');
  await expect(errorState(clerk, 'supplementary-reason')).resolves.toBe('none');
});

test('退料: wrong quantities on two lines; the first is focused, retyped it clears, the other stays', async () => {
  // 10 fan heads, everything issued: PT-MOT40 listed first, then the caps, the housings, the
  // oscillator's parts: a list longer than the screen.
  const no = await api.newOrder('SA-HEAD40', '10');
  await api.call('POST', `/api/task-orders/${no}/issues`, { date: '2026-12-01' });
  const cap = await api.issuedOf(no, 'PT-CAP12');
  const clerk = await openAs('wangqiang', `/pages/shopfloor/return/index?no=${no}`);
  await byTestId(clerk, 'return-line-PT-CAP12-qty').waitFor();
  await byTestId(clerk, 'return-line-PT-GBOX-qty').waitFor();

  // Nothing typed: said under the first line, the cursor put there.
  await submitFromBottom(clerk, 'return-submit', 'return-line-PT-MOT40-qty');
  await expectErrorFocused(clerk, 'return-line-PT-MOT40');
  await expect(text(clerk, 'return-line-PT-MOT40-error')).resolves.toBe('请填写要退的物料数量');
  await fill(clerk, 'return-line-PT-MOT40-qty', '1');
  await expect(errorState(clerk, 'return-line-PT-MOT40')).resolves.toBe('none');

  const tooMuch = `${Number(cap) + 1}`;
  await fill(clerk, 'return-line-PT-MOT40-qty', '-1');
  await fill(clerk, 'return-line-PT-CAP12-qty', tooMuch);
  await submitFromBottom(clerk, 'return-submit', 'return-line-PT-MOT40-qty');
  await expectErrorFocused(clerk, 'return-line-PT-MOT40');
  await expect(text(clerk, 'form-error')).resolves.toContain('退料数量有误');
  await screenshot(clerk, 'errors-return');
  await fill(clerk, 'return-line-PT-MOT40-qty', '1');
  await expect(errorState(clerk, 'return-line-PT-MOT40')).resolves.toBe('none');
  await expect(text(clerk, 'return-line-PT-CAP12-error')).resolves.toBe(
    `退料 ${tooMuch} 超过已领 ${cap}`,
  );
});

async function outsourcingOrder(subcontractor: string, item: string): Promise<string> {
  const made = await api.call<OutsourcingOrder>('POST', '/api/outsourcing-orders', {
    subcontractor,
    item,
    qty: '10',
    dueDate: '2026-12-10',
  });
  return made.no;
}

test('委外发料: 套数 refused on the page, 补料原因 by the API; each focused and cleared by typing', async () => {
  // 10 net guards at 丽美: front net, rear net, powder.
  const no = await outsourcingOrder('W-LIMEI', 'OS-GUARD40');
  const clerk = await openAs('wangqiang', `/pages/outsourcing/send/index?no=${no}`);
  await byTestId(clerk, 'os-send-mode-kit').click();
  await byTestId(clerk, 'os-send-sets').waitFor();
  await submitFromBottom(clerk, 'os-send-submit');
  await expectErrorFocused(clerk, 'os-send-sets');
  await expect(text(clerk, 'os-send-sets-error')).resolves.toBe('请填写大于 0 的套数');
  await fill(clerk, 'os-send-sets', '2');
  await expect(errorState(clerk, 'os-send-sets')).resolves.toBe('none');
  // Not scanned yet: no field to point at, so the banner says it and comes into view.
  await submitFromBottom(clerk, 'os-send-submit');
  await expect(text(clerk, 'os-send-banner')).resolves.toContain('请先扫码确认');

  // 补料 of 2 front nets, scanned, without a reason: the reason, above a quantity field per
  // component, is out of sight when the API refuses it.
  await byTestId(clerk, 'os-send-mode-supplementary').click();
  await fill(clerk, 'os-send-row-PT-GUARDF40B-qty', '2');
  await fill(clerk, 'os-send-scan-input', 'PT-GUARDF40B');
  await byTestId(clerk, 'os-send-scan-confirm').click();
  await byTestId(clerk, 'os-send-row-PT-GUARDF40B-ok').waitFor();
  await submitFromBottom(clerk, 'os-send-submit', 'os-send-reason');
  await expectErrorFocused(clerk, 'os-send-reason');
  await expect(text(clerk, 'os-send-reason-error')).resolves.toBe('补料请填写原因');
  await screenshot(clerk, 'errors-outsourcing-send');
  await fill(clerk, 'os-send-reason', '外协厂喷涂报废 2 件');
  await expect(errorState(clerk, 'os-send-reason')).resolves.toBe('none');
});

test('委外入库: a quantity the API refuses is focused, and goes as it is retyped', async () => {
  const no = await outsourcingOrder('W-XINGHUA', 'OS-TUBE40');
  const clerk = await openAs('wangqiang', `/pages/outsourcing/receipt/index?no=${no}`);
  await byTestId(clerk, 'os-receipt-qty').waitFor();
  await fill(clerk, 'os-receipt-qty', '-5');
  await submitFromBottom(clerk, 'os-receipt-submit');
  await expectErrorFocused(clerk, 'os-receipt-qty');
  await expect(text(clerk, 'os-receipt-qty-error')).resolves.toBe('数量必须大于 0');
  await screenshot(clerk, 'errors-outsourcing-receipt');
  await fill(clerk, 'os-receipt-qty', '5');
  await expect(errorState(clerk, 'os-receipt-qty')).resolves.toBe('none');
});

test('检验结果, 处置, 冲销: the first error of each form is focused and goes as its field changes', async () => {
  const ITEM = 'PT-GBOX';
  await api.call('POST', '/api/defects', { code: 'SCRATCH', name: '外壳划伤', category: '外观' });
  await api.call('PUT', `/api/inspection-plans/${ITEM}`, {
    receipts: ['purchase'],
    sampling: { rule: 'fixed', count: '5' },
  });
  const receipt = await api.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
    purchaseOrder: PO,
    date: '2026-12-01',
    lines: [{ line: 2, qty: '50', warehouse: 'RM' }],
  });
  const no = `QC-${receipt.document.no}-1`;
  const qc = await openAs('zhaomin', `/pages/quality/inspection/index?no=${no}`);
  await byTestId(qc, 'result-form').waitFor();

  // The result: sample emptied, three defect lines added and left empty: the sample's error,
  // at the top of a form longer than the screen, is the one focused.
  await fill(qc, 'result-sampled', '');
  for (let i = 0; i < 3; i++) await byTestId(qc, 'result-defect-add').click();
  await submitFromBottom(qc, 'result-submit', 'result-sampled');
  await expectErrorFocused(qc, 'result-sampled');
  await expect(text(qc, 'result-accepted-error')).resolves.toBe('请填写合格数量');
  await screenshot(qc, 'errors-inspection-result');
  await fill(qc, 'result-sampled', '5');
  await expect(errorState(qc, 'result-sampled')).resolves.toBe('none');
  await expect(errorState(qc, 'result-accepted')).resolves.not.toBe('none');

  // Posted through the API with 10 rejected: the disposition form and 冲销 show.
  await api.call('POST', `/api/inspections/${no}/results`, {
    sampled: '5',
    accepted: '40',
    rejected: '10',
    defects: [{ code: 'SCRATCH', qty: '3' }],
  });
  await qc.reload();
  await byTestId(qc, 'disposition-form').waitFor();

  // 处置: nothing filled: said of the quantities as a whole, the cursor in the first.
  await submitFromBottom(qc, 'disposition-submit');
  await expectErrorFocused(qc, 'disposition-lines');
  await expect(text(qc, 'disposition-lines-error')).resolves.toBe('请至少填写一项处置');
  // Two quantities that are not quantities: the first focused, retyped it clears.
  await fill(qc, 'disposition-returnToSupplier', '-1');
  await fill(qc, 'disposition-scrap', '-2');
  await submitFromBottom(qc, 'disposition-submit');
  await expectErrorFocused(qc, 'disposition-returnToSupplier');
  await screenshot(qc, 'errors-inspection-disposition');
  await fill(qc, 'disposition-returnToSupplier', '4');
  await expect(errorState(qc, 'disposition-returnToSupplier')).resolves.toBe('none');
  await expect(text(qc, 'disposition-scrap-error')).resolves.toBe('数量应大于 0');

  // 冲销 without a reason: refused under it, focused; typing clears it.
  await byTestId(qc, 'result-reverse-open').click();
  await submitFromBottom(qc, 'result-reverse-submit', 'result-reverse-reason');
  await expectErrorFocused(qc, 'result-reverse-reason');
  await expect(text(qc, 'result-reverse-reason-error')).resolves.toBe('请填写冲销原因');
  await fill(qc, 'result-reverse-reason', '数量录错');
  await expect(errorState(qc, 'result-reverse-reason')).resolves.toBe('none');
});

test('客供料入库: no customer, no quantities; the customer is focused, chosen it clears, the rest stay', async () => {
  const clerk = await openAs('wangqiang', '/pages/customer/receipt/index');
  await byTestId(clerk, 'cs-receipt-page').waitFor();
  // Items scanned before the customer is chosen, no quantities: the list runs off the screen.
  for (const item of ['PT-CTN-BS40YJ', 'PT-PP', 'PT-HUB', 'PT-CAP12']) {
    await fill(clerk, 'cs-receipt-scan-input', item);
    await byTestId(clerk, 'cs-receipt-scan-confirm').click();
    await byTestId(clerk, `cs-receipt-line-${item}`).waitFor();
  }
  await submitFromBottom(clerk, 'cs-receipt-submit', 'cs-receipt-customer');
  await expectErrorFocused(clerk, 'cs-receipt-customer');
  await expect(text(clerk, 'cs-receipt-customer-error')).resolves.toBe('请选择客户');
  await expect(text(clerk, 'cs-receipt-qty-PT-PP-error')).resolves.toBe('请输入大于 0 的数量');
  await screenshot(clerk, 'errors-customer-receipt');
  await pick(clerk, 'cs-receipt-customer', '怡家', 'C-YIJIA');
  await expect(errorState(clerk, 'cs-receipt-customer')).resolves.toBe('none');
  await expect(errorState(clerk, 'cs-receipt-qty-PT-PP')).resolves.not.toBe('none');
});

test('客供料退还: a blank quantity is refused under it and focused; typing clears it', async () => {
  const clerk = await openAs('wangqiang', '/pages/customer/stock/index?customer=C-YIJIA');
  const open = clerk.locator('[data-testid^="cs-row-"][data-testid$="-return"]:visible').first();
  await open.click();
  await byTestId(clerk, 'cs-return-form').waitFor();
  await submitFromBottom(clerk, 'cs-return-submit');
  await expectErrorFocused(clerk, 'cs-return-qty');
  await expect(text(clerk, 'cs-return-qty-error')).resolves.toBe('请输入大于 0 的数量');
  await screenshot(clerk, 'errors-customer-return');
  await fill(clerk, 'cs-return-qty', '1');
  await expect(errorState(clerk, 'cs-return-qty')).resolves.toBe('none');
});

test('扫码发货: unscanned is said at the scan box, too much under the line; each focused, each cleared', async () => {
  const clerk = await openAs('wangqiang', '/pages/delivery/pick/index');
  await fill(clerk, 'delivery-customer-query', '惠佳');
  await byTestId(clerk, 'delivery-customer-search').click();
  await byTestId(clerk, 'delivery-customer-C-HUIJIA').click();
  const line = 'delivery-line-SO-2611-018-1';
  await byTestId(clerk, line).waitFor();

  await submitFromBottom(clerk, 'delivery-submit');
  await expectErrorFocused(clerk, 'delivery-scan');
  await expect(text(clerk, 'delivery-scan-error')).resolves.toBe('请先扫码确认要发货的物料');
  await byTestId(clerk, line).click();
  await fill(clerk, 'delivery-scan-input', 'FG-FS40');
  await byTestId(clerk, 'delivery-scan-confirm').click();
  await byTestId(clerk, `${line}-ok`).waitFor();
  await expect(errorState(clerk, 'delivery-scan')).resolves.toBe('none');

  await fill(clerk, `${line}-pick`, '601');
  await submitFromBottom(clerk, 'delivery-submit');
  await expectErrorFocused(clerk, line);
  await expect(text(clerk, 'form-error')).resolves.toBe('请先改正发货数量');
  await screenshot(clerk, 'errors-delivery');
  await fill(clerk, `${line}-pick`, '200');
  await expect(errorState(clerk, line)).resolves.toBe('none');
});
