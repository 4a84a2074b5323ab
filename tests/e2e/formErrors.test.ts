import { jest } from '@jest/globals';
import {
  adminApi,
  type AdminApi,
  byTestId,
  clickUntilShown,
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

// What a user sees when a form is wrong, on a 390×844 phone (H5): a failed submit brings the
// first error into view and puts the cursor in its field, even when it is far from the button;
// an error goes as soon as its field is changed; a price with three decimals is priced, not
// shown as "—"; a pick at quantity 0 says so at the line; the kit refusal is brought into view.
jest.setTimeout(180_000);

let e2e: E2E;
let api: AdminApi;
beforeAll(async () => {
  e2e = await startE2E();
  api = await adminApi(e2e);
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('sales order: the first error is brought into view and focused; a changed field loses its error', async () => {
  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await rep.goto(`${e2e.appUrl}#/pages/sales/order-edit/index`);
  await byTestId(rep, 'order-edit-page').waitFor();
  // Three lines, so the customer field is far above the button; line 3 has no item.
  await pick(rep, 'line-0-item', 'TS40', 'FG-TS40');
  await fill(rep, 'line-0-qty', '20');
  await fill(rep, 'line-0-price', '88');
  for (const i of [1, 2]) {
    await byTestId(rep, 'line-add').click();
    await fill(rep, `line-${i}-qty`, '5');
    await fill(rep, `line-${i}-price`, '90');
  }
  await pick(rep, 'line-1-item', 'FS40', 'FG-FS40');

  await expect(errorState(rep, 'order-customer')).resolves.toBe('none');
  await submitFromBottom(rep, 'order-submit', 'order-customer-input');
  await expectErrorFocused(rep, 'order-customer');
  await expect(text(rep, 'order-customer-error')).resolves.toBe('请选择客户');
  await expect(text(rep, 'line-2-item-error')).resolves.toBe('请选择物料');
  await expect(text(rep, 'form-error')).resolves.not.toMatch(/body|lines\.\d|customer/);
  // The focused customer search says it is searching, never "nothing found" before an answer.
  await expect(text(rep, 'order-customer-options')).resolves.not.toContain('没有匹配的结果');
  await screenshot(rep, 'errors-sales-order');

  // Choosing a customer clears its error at once; line 3's stays until its item is chosen.
  await pick(rep, 'order-customer', '惠佳', 'C-HUIJIA');
  await expect(errorState(rep, 'order-customer')).resolves.toBe('none');
  await expect(errorState(rep, 'line-2-item')).resolves.not.toBe('none');

  // Submitted again from the bottom: now line 3's item is the first error.
  await submitFromBottom(rep, 'order-submit');
  await expectErrorFocused(rep, 'line-2-item');
  await pick(rep, 'line-2-item', 'FS40', 'FG-FS40');
  await expect(errorState(rep, 'line-2-item')).resolves.toBe('none');
  // Every field put right: the banner that announced them goes too.
  await byTestId(rep, 'form-error').waitFor({ state: 'hidden', timeout: 3_000 });

  // A typed quantity error goes as soon as the quantity is put right.
  await fill(rep, 'line-1-qty', '1234567890123');
  await expect(text(rep, 'line-1-qty-error')).resolves.toContain('超出范围');
  await fill(rep, 'line-1-qty', '6');
  await expect(errorState(rep, 'line-1-qty')).resolves.toBe('none');
});

test('sales order: a price with three decimals is priced to the fen; one past six decimals says why', async () => {
  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await rep.goto(`${e2e.appUrl}#/pages/sales/order-edit/index`);
  await byTestId(rep, 'order-edit-page').waitFor();
  await pick(rep, 'order-customer', '惠佳', 'C-HUIJIA');
  await pick(rep, 'line-0-item', 'TS40', 'FG-TS40');
  await fill(rep, 'line-0-qty', '3');
  await fill(rep, 'line-0-price', '12.345');
  // 3 × 12.345 = 37.035, half up to ¥37.04; 13 % VAT on it: 4.8152 -> ¥4.82.
  await expect(text(rep, 'line-0-amount')).resolves.toBe('¥37.04');
  await expect(text(rep, 'line-0-tax')).resolves.toBe('¥4.82');
  await expect(text(rep, 'line-0-amount-with-tax')).resolves.toBe('¥41.86');
  await expect(text(rep, 'order-total-with-tax')).resolves.toBe('¥41.86');
  await expect(errorState(rep, 'line-0-price')).resolves.toBe('none');

  // Seven decimals: no amount, and the field says why (never a silent "—" or ¥0.00).
  await fill(rep, 'line-0-price', '12.3456789');
  await expect(text(rep, 'line-0-price-error')).resolves.toContain('单价最多六位小数');
  await expect(text(rep, 'line-0-amount')).resolves.toBe('—');
  await expect(text(rep, 'order-total-with-tax')).resolves.toBe('—');
  await screenshot(rep, 'errors-sales-price-decimals');

  // Saved with three decimals, the order keeps the price and the amount as shown.
  await fill(rep, 'line-0-price', '12.345');
  await byTestId(rep, 'order-save').click();
  // The detail page shows the saved amount once the order has loaded.
  await rep.waitForFunction(() =>
    Array.from(document.querySelectorAll('[data-testid="order-detail-page"]')).some((el) =>
      el.textContent?.includes('¥41.86'),
    ),
  );
});

test('pick: a scanned line at quantity 0 says so at the line, in view and focused', async () => {
  const no = await api.newOrder('SA-HEAD40', '10');
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/pick/index?no=${no}`);
  await byTestId(clerk, 'pick-line-PT-MOT40').click();
  await fill(clerk, 'pick-scan-input', 'PT-MOT40');
  await byTestId(clerk, 'pick-scan-confirm').click();
  await byTestId(clerk, 'pick-line-PT-MOT40-ok').waitFor();
  await fill(clerk, 'pick-line-PT-MOT40-pick', '0');

  await submitFromBottom(clerk, 'pick-submit');
  await expectErrorFocused(clerk, 'pick-line-PT-MOT40-pick');
  await expect(text(clerk, 'pick-line-PT-MOT40-pick-error')).resolves.toBe(
    '领料数量为 0：请输入要领的数量',
  );
  await expect(byTestId(clerk, 'form-error').count()).resolves.toBe(0);
  await screenshot(clerk, 'errors-pick-zero');

  // A quantity finer than the unit (个: whole numbers) is named too; typing clears it.
  await fill(clerk, 'pick-line-PT-MOT40-pick', '2.5');
  await expect(errorState(clerk, 'pick-line-PT-MOT40-pick')).resolves.toBe('none');
  await byTestId(clerk, 'pick-submit').click();
  await expect(text(clerk, 'pick-line-PT-MOT40-pick-error')).resolves.toBe('数量 2.5 只能是整数');
  await fill(clerk, 'pick-line-PT-MOT40-pick', '4');
  await byTestId(clerk, 'pick-submit').click();
  await byTestId(clerk, 'pick-done').waitFor();
  expect(await api.issuedOf(no, 'PT-MOT40')).toBe('4');

  // Nothing scanned: the banner by the button says what to do (once the order has reloaded).
  await clickUntilShown(clerk, 'pick-submit', 'form-error');
  await expect(text(clerk, 'form-error')).resolves.toContain('扫码');
});

test('merged pick: every scanned line at 0 is named at the line', async () => {
  const nos = [await api.newOrder('SA-BLADE40', '10'), await api.newOrder('SA-BLADE40', '20')];
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/merged/index?orders=${nos.join(',')}`);
  await byTestId(clerk, 'merged-line-PT-PP').waitFor();
  await fill(clerk, 'merged-scan-input', 'PT-PP');
  await byTestId(clerk, 'merged-scan-confirm').click();
  await byTestId(clerk, 'merged-line-PT-PP-ok').waitFor();
  await fill(clerk, 'merged-line-PT-PP-pick', '0');
  await submitFromBottom(clerk, 'merged-submit');
  await expectErrorFocused(clerk, 'merged-line-PT-PP-pick');
  await expect(text(clerk, 'merged-line-PT-PP-pick-error')).resolves.toBe(
    '领料数量为 0：请输入要领的数量',
  );
  await screenshot(clerk, 'errors-merged-zero');
  await fill(clerk, 'merged-line-PT-PP-pick', '1');
  await expect(errorState(clerk, 'merged-line-PT-PP-pick')).resolves.toBe('none');
});

test('kit issue: the refusal above the rows is brought into view when the button is pressed', async () => {
  // SA-HEAD40 × 500: the motors in stock allow fewer sets than 450.
  const no = await api.newOrder('SA-HEAD40', '500');
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/kit/index?no=${no}`);
  await clerk.waitForFunction(() =>
    document.querySelector('[data-testid="kit-limits"]')?.textContent?.includes('剩余需求'),
  );
  await fill(clerk, 'kit-sets', '450');
  await submitFromBottom(clerk, 'kit-submit');
  await byTestId(clerk, 'kit-refusal').waitFor();
  await clerk.waitForFunction(() => {
    const el = Array.from(document.querySelectorAll('[data-testid="kit-refusal"]')).find(
      (e) => (e as HTMLElement).offsetParent !== null,
    );
    const box = el?.getBoundingClientRect();
    return !!box && box.top >= 0 && box.top < window.innerHeight;
  });
  await expect(text(clerk, 'kit-refusal-message')).resolves.toMatch(
    /库存仅够 \d+ 套，不能领 450 套/,
  );
  await screenshot(clerk, 'errors-kit-refusal');

  // Blank sets: the field says what is missing and has the cursor; the refusal is gone.
  await fill(clerk, 'kit-sets', '');
  await submitFromBottom(clerk, 'kit-submit');
  await expect(text(clerk, 'kit-sets-check')).resolves.toBe('请输入套数');
  await expect(byTestId(clerk, 'kit-refusal').count()).resolves.toBe(0);
  await clerk.waitForFunction(
    () => (document.activeElement?.closest('[data-testid="kit-sets"]') ?? null) !== null,
  );
});
