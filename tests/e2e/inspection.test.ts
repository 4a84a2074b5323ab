import { jest } from '@jest/globals';
import type { Balance, Page, PurchaseOrder, PurchaseReceipt } from '@factory/shared';
import {
  adminApi,
  answerModal,
  byTestId,
  eventually,
  fill,
  loginAs,
  screenshot,
  startE2E,
  text,
  type AdminApi,
  type E2E,
} from './harness.js';

// An inspector's journey on the phone (H5, 390x844): a purchase receipt of an item with an
// inspection plan opens an inspection order; the QC user finds it by scanning the receipt,
// enters a result (wrong first), reverses it and enters it again, disposes the rejected quantity (part return, part scrap);
// the balances and the purchase line are checked through the API; the manager sees the pass
// rate in the quality report.
jest.setTimeout(240_000);

const ITEM = 'PT-GBOX'; // 摇头齿轮箱, bought from 威达 on PO-2611-041 line 2 (600 ordered, none received)
const PO = 'PO-2611-041';

let e2e: E2E;
let admin: AdminApi;
let receiptNo: string;

const balance = async (status: string): Promise<string> => {
  const page = await admin.call<Page<Balance>>(
    'GET',
    `/api/stock/balances?item=${ITEM}&warehouse=RM&status=${status}&includeZero=true`,
  );
  return page.items.reduce((sum, b) => sum + Number(b.qty), 0).toString();
};
const receivedOnLine2 = async (): Promise<string> => {
  const po = await admin.call<PurchaseOrder>('GET', `/api/purchase-orders/${PO}`);
  return po.lines[1]!.received;
};

let availableBefore: string;

beforeAll(async () => {
  e2e = await startE2E();
  admin = await adminApi(e2e);
  await admin.call('POST', '/api/defects', { code: 'SCRATCH', name: '外壳划伤', category: '外观' });
  await admin.call('POST', '/api/defects', { code: 'NOISE', name: '运转异响', category: '功能' });
  await admin.call('PUT', `/api/inspection-plans/${ITEM}`, {
    receipts: ['purchase'],
    sampling: { rule: 'fixed', count: '5' },
  });
  availableBefore = await balance('available');
  const receipt = await admin.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
    purchaseOrder: PO,
    date: '2026-12-01',
    lines: [{ line: 2, qty: '50', warehouse: 'RM' }],
  });
  receiptNo = receipt.document.no;
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('an inspector scans a receipt, posts a result with a defect, disposes the rejects; the manager sees the pass rate', async () => {
  expect(await balance('inspection')).toBe('50');
  expect(await receivedOnLine2()).toBe('50');

  const qc = await e2e.newPage();
  await loginAs(qc, e2e.appUrl, 'zhaomin');
  await byTestId(qc, 'tile-inspections').click();
  await byTestId(qc, 'inspections-page').waitFor();
  const no = `QC-${receiptNo}-1`;
  await byTestId(qc, `inspection-row-${no}`).waitFor();
  await expect(text(qc, `inspection-row-${no}`)).resolves.toContain('摇头齿轮箱');
  await expect(text(qc, `inspection-row-${no}`)).resolves.toContain('采购入库');
  await expect(text(qc, `inspection-row-${no}`)).resolves.toContain('佛山市顺德区威达电机有限公司');
  await expect(text(qc, `inspection-row-${no}-qty`)).resolves.toBe('50 个');
  await expect(text(qc, `inspection-row-${no}-age`)).resolves.toBe('今天开单');
  await screenshot(qc, 'q1-inspections');

  // A label that is nothing: said under the scan box; then the receipt's label opens its order.
  await fill(qc, 'inspections-scan-input', 'RC-NOTHING');
  await byTestId(qc, 'inspections-scan-confirm').click();
  await byTestId(qc, 'inspections-scan-error').waitFor();
  await expect(text(qc, 'inspections-scan-error')).resolves.toContain('没有找到');
  await fill(qc, 'inspections-scan-input', receiptNo);
  await byTestId(qc, 'inspections-scan-confirm').click();
  await byTestId(qc, 'result-form').waitFor();
  await expect(text(qc, 'inspection-no')).resolves.toBe(no);
  await expect(text(qc, 'inspection-qty')).resolves.toBe('50 个');
  await expect(text(qc, 'inspection-sample')).resolves.toBe('5 个');
  await expect(text(qc, 'inspection-receipt')).resolves.toBe(`${receiptNo} 第 1 行`);
  // The plan's sample is filled in.
  await eventually(() => byTestId(qc, 'result-sampled').locator('input').inputValue(), '5');

  // Accepted typed: rejected follows. Then rejected changed so the two do not make the lot.
  await fill(qc, 'result-accepted', '40');
  await eventually(() => byTestId(qc, 'result-rejected').locator('input').inputValue(), '10');
  await fill(qc, 'result-rejected', '5');
  await byTestId(qc, 'result-submit').click();
  await byTestId(qc, 'result-accepted-error').waitFor();
  await expect(text(qc, 'result-accepted-error')).resolves.toBe(
    '合格数量 40 + 不合格数量 5 = 45，应等于检验数量 50',
  );
  await expect(text(qc, 'result-defects-error')).resolves.toBe(
    '有不合格数量时，请至少登记一项缺陷',
  );
  await screenshot(qc, 'q2-result-wrong');

  // Put right: the errors go as the fields are corrected.
  await fill(qc, 'result-rejected', '10');
  await eventually(() => byTestId(qc, 'result-accepted-error').count(), 0);
  await byTestId(qc, 'result-defect-add').click();
  await byTestId(qc, 'result-defect-0-choice-SCRATCH').click();
  await fill(qc, 'result-defect-0-qty', '3');
  await eventually(() => byTestId(qc, 'result-defects-error').count(), 0);
  await expect(byTestId(qc, 'result-banner').count()).resolves.toBe(0);
  await screenshot(qc, 'q3-result-entered');
  await byTestId(qc, 'result-submit').click();

  await byTestId(qc, 'result-view').waitFor();
  await expect(text(qc, 'inspection-status')).resolves.toBe('待处置');
  await expect(text(qc, 'result-view-qty')).resolves.toBe('5 / 40 / 10 个');
  await expect(text(qc, 'result-view-defect-SCRATCH')).resolves.toContain('外壳划伤');
  await byTestId(qc, 'result-reverse-open').waitFor();
  expect(await balance('rejected')).toBe('10');
  expect(await balance('inspection')).toBe('0');
  expect(await balance('available')).toBe(String(Number(availableBefore) + 40));

  // 冲销: a reason is needed and the inspector confirms; the stock goes back into inspection and
  // the order is open again for a new result (the reversed one stays on the page, struck out).
  await byTestId(qc, 'result-reverse-open').click();
  await byTestId(qc, 'result-reverse-submit').click();
  await expect(text(qc, 'result-reverse-reason-error')).resolves.toBe('请填写冲销原因');
  await fill(qc, 'result-reverse-reason', '缺陷数量录错');
  await byTestId(qc, 'result-reverse-submit').click();
  await expect(answerModal(qc, 'confirm')).resolves.toContain('缺陷数量录错');
  await byTestId(qc, 'result-form').waitFor();
  await expect(text(qc, 'inspection-status')).resolves.toBe('待检');
  await expect(byTestId(qc, 'result-view').count()).resolves.toBe(0);
  await expect(byTestId(qc, 'result-reversed').count()).resolves.toBe(1);
  expect(await balance('inspection')).toBe('50');
  expect(await balance('rejected')).toBe('0');
  await screenshot(qc, 'q4-reversed');
  await fill(qc, 'result-accepted', '40');
  await byTestId(qc, 'result-defect-add').click();
  await byTestId(qc, 'result-defect-0-choice-SCRATCH').click();
  await fill(qc, 'result-defect-0-qty', '2');
  await byTestId(qc, 'result-submit').click();
  await byTestId(qc, 'result-view').waitFor();
  await expect(text(qc, 'result-view-qty')).resolves.toBe('5 / 40 / 10 个');
  await expect(text(qc, 'result-view')).resolves.toContain('赵敏');
  expect(await balance('rejected')).toBe('10');

  // Disposition: the split must make the 10 rejected; 6 back to 威达, 4 scrapped.
  await expect(text(qc, 'disposition-undisposed')).resolves.toBe('10 个');
  await fill(qc, 'disposition-returnToSupplier', '6');
  await byTestId(qc, 'disposition-submit').click();
  await byTestId(qc, 'disposition-lines-error').waitFor();
  await expect(text(qc, 'disposition-lines-error')).resolves.toBe(
    '处置数量合计 6 应等于待处置数量 10',
  );
  await fill(qc, 'disposition-scrap', '4');
  await eventually(() => byTestId(qc, 'disposition-lines-error').count(), 0);
  await screenshot(qc, 'q5-disposition');
  await byTestId(qc, 'disposition-submit').click();
  await byTestId(qc, 'disposition-list').waitFor();
  await expect(text(qc, 'inspection-status')).resolves.toBe('已完成');
  await expect(text(qc, 'disposition-done-returnToSupplier-qty')).resolves.toBe('6 个');
  await expect(text(qc, 'disposition-done-scrap-qty')).resolves.toBe('4 个');
  await expect(text(qc, 'disposition-done-returnToSupplier-doc')).resolves.toMatch(/^退货单 \S+/);
  await expect(byTestId(qc, 'disposition-form').count()).resolves.toBe(0);
  await expect(byTestId(qc, 'result-reverse-open').count()).resolves.toBe(0);
  await screenshot(qc, 'q6-disposed');

  // Stock: 40 available, nothing left rejected or in inspection; the PO line's received fell by
  // the 6 returned, so MRP sees them open again.
  expect(await balance('rejected')).toBe('0');
  expect(await balance('inspection')).toBe('0');
  expect(await balance('available')).toBe(String(Number(availableBefore) + 40));
  expect(await receivedOnLine2()).toBe('44');

  // The manager's quality report: 40 of 50 accepted this month (the reversed result counts
  // nowhere), 威达 at 80%; the defects are those of the result in force.
  const manager = await e2e.newPage();
  await loginAs(manager, e2e.appUrl, 'zhoujun');
  await byTestId(manager, 'tile-quality-report').click();
  await byTestId(manager, 'quality-report-page').waitFor();
  await byTestId(manager, 'report-total-rate').waitFor();
  await expect(text(manager, 'report-total-rate')).resolves.toBe('80.00%');
  await expect(text(manager, 'report-rate-chart-2026-12-value')).resolves.toBe('80.00%');
  await expect(text(manager, 'report-rate-row-2026-12')).resolves.toContain('2026年12月');
  await expect(text(manager, 'report-pareto-row-SCRATCH')).resolves.toContain('外壳划伤');
  await expect(text(manager, 'report-pareto-chart-SCRATCH-value')).resolves.toBe('2');
  await screenshot(manager, 'q7-report-month');
  await byTestId(manager, 'report-by-supplier').click();
  await byTestId(manager, 'report-rate-row-S-WEIDA').waitFor();
  await expect(text(manager, 'report-rate-row-S-WEIDA')).resolves.toContain('威达');
  await expect(text(manager, 'report-rate-row-S-WEIDA-rate')).resolves.toBe('80.00%');
  await screenshot(manager, 'q8-report-supplier');
});

test('a concession (让步接收) waits for the manager, who approves it in the inbox; the conceded goods become available', async () => {
  const receipt = await admin.call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
    purchaseOrder: PO,
    date: '2026-12-01',
    lines: [{ line: 2, qty: '20', warehouse: 'RM' }],
  });
  const no = `QC-${receipt.document.no}-1`;
  const available = Number(await balance('available'));

  const qc = await e2e.newPage();
  await loginAs(qc, e2e.appUrl, 'zhaomin');
  await byTestId(qc, 'tile-inspections').click();
  await fill(qc, 'inspections-scan-input', no);
  await byTestId(qc, 'inspections-scan-confirm').click();
  await byTestId(qc, 'result-form').waitFor();
  await fill(qc, 'result-accepted', '18');
  await byTestId(qc, 'result-defect-add').click();
  await byTestId(qc, 'result-defect-0-choice-NOISE').click();
  await fill(qc, 'result-defect-0-qty', '1');
  await byTestId(qc, 'result-submit').click();
  await byTestId(qc, 'disposition-form').waitFor();
  await fill(qc, 'disposition-concession', '2');
  await byTestId(qc, 'disposition-submit').click();
  await byTestId(qc, 'disposition-done-concession').waitFor();
  await expect(text(qc, 'disposition-done-concession-approval')).resolves.toBe('审批：审批中');
  expect(await balance('rejected')).toBe('2');

  const manager = await e2e.newPage();
  await loginAs(manager, e2e.appUrl, 'zhoujun');
  await byTestId(manager, 'tile-approvals').click();
  await byTestId(manager, `inbox-${no}-fields`).waitFor();
  await expect(text(manager, `inbox-${no}`)).resolves.toContain('让步接收');
  await expect(text(manager, `inbox-${no}-fields`)).resolves.toContain('摇头齿轮箱');
  await screenshot(manager, 'q9-inbox-concession');
  await byTestId(manager, `inbox-${no}-approve`).click();
  await eventually(async () => byTestId(manager, `inbox-${no}`).count(), 0);

  await qc.reload();
  await byTestId(qc, 'disposition-done-concession-approval').waitFor();
  await expect(text(qc, 'disposition-done-concession-approval')).resolves.toBe('审批：已同意');
  await screenshot(qc, 'q10-concession-approved');
  expect(await balance('rejected')).toBe('0');
  expect(Number(await balance('available'))).toBe(available + 20);
});
