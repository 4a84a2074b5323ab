import { jest } from '@jest/globals';
import {
  adminApi,
  byTestId,
  fill,
  loginAs,
  pick,
  screenshot,
  startE2E,
  text,
  type E2E,
} from './harness.js';

// The sales order entry on a 390×844 phone (H5 build), demo factory: the item search offers
// only what may be sold, and 交货日期 is chosen from the phone's date picker.
jest.setTimeout(120_000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('the item search offers finished products, never raw parts or sub-assemblies', async () => {
  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await rep.goto(`${e2e.appUrl}#/pages/sales/order-edit/index`);
  await byTestId(rep, 'order-edit-page').waitFor();

  const offered = async (search: string) => {
    await byTestId(rep, 'line-0-item-input').locator('input').click();
    await fill(rep, 'line-0-item-input', search);
    // The options or the "nothing found" line, once the debounced search answered.
    const options = byTestId(rep, 'line-0-item-options');
    await options.locator('.option').first().waitFor();
    // The search under way says so; wait for its answer (options, or "nothing found").
    await rep.waitForTimeout(300);
    await rep.waitForFunction(
      () =>
        !document
          .querySelector('[data-testid="line-0-item-status"]')
          ?.textContent?.includes('搜索中'),
    );
    return options
      .locator('[data-testid^="line-0-item-option-"]')
      .evaluateAll((els) =>
        els.map((el) => el.getAttribute('data-testid')!.replace('line-0-item-option-', '')),
      );
  };

  // 16寸 matches the products and their sub-assemblies and parts by name: only products.
  const by16 = await offered('16寸');
  expect(by16.length).toBeGreaterThan(0);
  for (const code of by16) expect(code).toMatch(/^FG-/);
  expect(by16).toEqual(expect.arrayContaining(['FG-FS40', 'FG-TS40']));
  await screenshot(rep, 'sales-entry-item-search');

  // A sub-assembly, a raw part and a purchased component, by code: not offered.
  for (const code of ['SA-HEAD40', 'PT-PP', 'PT-MOT40']) {
    expect(await offered(code)).toEqual([]);
    await expect(byTestId(rep, 'line-0-item-options').textContent()).resolves.toContain(
      '没有匹配的结果',
    );
  }

  // A product, by code: offered, shown by name with its code.
  expect(await offered('FG-FS40')).toEqual(['FG-FS40', 'FG-FS40R']);
  await byTestId(rep, 'line-0-item-option-FG-FS40').click();
  await expect(byTestId(rep, 'line-0-item-input').locator('input').inputValue()).resolves.toBe(
    '16寸落地扇 FS40(座控机械款) FG-FS40',
  );
});

test('交货日期 opens the date picker in H5, shows YYYY-MM-DD, and the picked date is what is saved', async () => {
  const rep = await e2e.newPage();
  await loginAs(rep, e2e.appUrl, 'zhangwei');
  await rep.goto(`${e2e.appUrl}#/pages/sales/order-edit/index`);
  await byTestId(rep, 'order-edit-page').waitFor();
  await pick(rep, 'order-customer', '惠佳', 'C-HUIJIA');
  await pick(rep, 'line-0-item', 'TS40', 'FG-TS40');
  await fill(rep, 'line-0-qty', '20');
  await fill(rep, 'line-0-price', '88');

  // The field is the browser's own date input (a phone browser opens its date picker on a tap),
  // covering the whole box, with the default date shown as YYYY-MM-DD beside it.
  const field = byTestId(rep, 'line-0-due');
  const native = field.locator('input');
  await expect(native.getAttribute('type')).resolves.toBe('date');
  const [fieldBox, nativeBox] = [await field.boundingBox(), await native.boundingBox()];
  expect(nativeBox!.width).toBeGreaterThanOrEqual(fieldBox!.width - 8);
  expect(nativeBox!.height).toBeGreaterThanOrEqual(44);
  await expect(text(rep, 'line-0-due-value')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}$/);

  // A tap on the box lands on the date input (nothing over it) and opens the picker.
  const hit = await rep.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.tagName.toLowerCase(),
    [fieldBox!.x + fieldBox!.width / 2, fieldBox!.y + fieldBox!.height / 2],
  );
  expect(hit).toBe('input');
  await field.click();

  // A day that does not exist never reaches the field: the date input holds only real dates.
  await native.fill('2027-02-30');
  await expect(native.inputValue()).resolves.not.toBe('2027-02-30');
  await expect(text(rep, 'line-0-due-value')).resolves.not.toBe('2027-02-30');

  // The picker's choice (a date input's value is always YYYY-MM-DD).
  await native.fill('2027-02-14');
  await expect(text(rep, 'line-0-due-value')).resolves.toBe('2027-02-14');
  await screenshot(rep, 'sales-entry-date-picked');

  await byTestId(rep, 'order-submit').click();
  await byTestId(rep, 'order-detail-page').waitFor();
  await expect(byTestId(rep, 'order-line-1').textContent()).resolves.toContain('2027-02-14');
  const orderNo = (await text(rep, 'order-no')).trim();
  const api = await adminApi(e2e);
  const order = await api.call<{ lines: { dueDate: string }[] }>(
    'GET',
    `/api/sales-orders/${orderNo}`,
  );
  expect(order.lines.map((l) => l.dueDate)).toEqual(['2027-02-14']);
});
