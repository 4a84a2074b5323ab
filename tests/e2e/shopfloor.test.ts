import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { TaskOrder } from '@factory/shared';
import {
  adminApi,
  byTestId,
  eventually,
  fill,
  loginAs,
  screenshot,
  startE2E,
  type E2E,
} from './harness.js';

// Shop floor in the mini-program (H5): a warehouse clerk picks for a task order of the demo
// factory by scanning (typing) location and item labels, a worker reports work, the clerk
// receives the finished product and sees the components backflushed.
jest.setTimeout(180_000);

const ORDER = 'MO-2612-002'; // SA-HEAD40 × 600: PT-MOT40 … picked by hand, PT-CONN backflushed

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

async function openOrder(page: Page, tile: string) {
  await byTestId(page, tile).click();
  await byTestId(page, 'task-orders-page').waitFor();
  await fill(page, 'task-order-no', ORDER);
  await byTestId(page, 'task-order-open').click();
}

test('pick with scan (wrong item refused), report work, receive with backflush', async () => {
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await byTestId(clerk, 'tile-pick').waitFor();
  await screenshot(clerk, 'f1-home-warehouse');

  // The open task orders by priority list the demo order; it is opened by its number here.
  await byTestId(clerk, 'tile-task-orders').click();
  await byTestId(clerk, `task-list-${ORDER}`).waitFor();
  await screenshot(clerk, 'f1b-task-orders-by-priority');
  await clerk.goBack();

  // The task order: quantities and progress.
  await openOrder(clerk, 'tile-task-orders');
  await byTestId(clerk, 'task-order-page').waitFor();
  await expect(byTestId(clerk, 'task-no').textContent()).resolves.toBe(ORDER);
  await expect(byTestId(clerk, 'task-item').textContent()).resolves.toContain('SA-HEAD40');
  await expect(byTestId(clerk, 'need-PT-MOT40-issued').textContent()).resolves.toBe('300');
  await screenshot(clerk, 'f2-task-order');

  // Pick: the motor line, a connector (not on this list: backflushed) scanned by mistake is
  // refused, then the motor. (Another line's label jumps to it: shopfloorGaps.test.ts.)
  await byTestId(clerk, 'task-pick').click();
  await byTestId(clerk, 'pick-line-PT-MOT40').waitFor();
  // Components of the phantom oscillator are picked; backflushed connectors are not.
  await byTestId(clerk, 'pick-line-PT-GBOX').waitFor();
  await expect(byTestId(clerk, 'pick-line-PT-CONN').count()).resolves.toBe(0);
  // Skip-level: only the oscillator phantom's components, then the whole order again.
  await byTestId(clerk, 'pick-scope-PH-OSC').click();
  await byTestId(clerk, 'pick-line-PT-MOT40').waitFor({ state: 'detached' });
  await byTestId(clerk, 'pick-line-PT-GBOX').waitFor();
  await screenshot(clerk, 'f2b-pick-skip-level');
  await byTestId(clerk, 'pick-scope-all').click();
  await byTestId(clerk, 'pick-line-PT-MOT40').waitFor();
  await byTestId(clerk, 'pick-line-PT-MOT40').click();
  // The location label first: the finished-goods store is refused, the raw-material one
  // (the line's warehouse) is confirmed.
  await fill(clerk, 'pick-scan-input', 'FG');
  await byTestId(clerk, 'pick-scan-confirm').click();
  await expect(byTestId(clerk, 'pick-scan-error').textContent()).resolves.toContain(
    '库位不对：本行应从 RM 原料仓 领料',
  );
  await fill(clerk, 'pick-scan-input', 'RM');
  await byTestId(clerk, 'pick-scan-confirm').click();
  await byTestId(clerk, 'pick-line-PT-MOT40-located').waitFor();
  await fill(clerk, 'pick-scan-input', 'PT-CONN');
  await byTestId(clerk, 'pick-scan-confirm').click();
  await expect(byTestId(clerk, 'pick-scan-error').textContent()).resolves.toContain(
    '扫描的物料不是 PT-MOT40',
  );
  await expect(byTestId(clerk, 'pick-line-PT-MOT40-ok').count()).resolves.toBe(0);
  await screenshot(clerk, 'f3-pick-wrong-item');
  await fill(clerk, 'pick-scan-input', 'PT-MOT40');
  await byTestId(clerk, 'pick-scan-confirm').click();
  await byTestId(clerk, 'pick-line-PT-MOT40-ok').waitFor();
  await expect(byTestId(clerk, 'pick-scan-error').count()).resolves.toBe(0);
  const openOf = async () =>
    Number(
      /待领 (\S+)/.exec((await byTestId(clerk, 'pick-line-PT-MOT40-qty').textContent()) ?? '')?.[1],
    );
  const openBefore = await openOf();
  await fill(clerk, 'pick-line-PT-MOT40-pick', '100');
  await screenshot(clerk, 'f4-pick-confirmed');
  await byTestId(clerk, 'pick-submit').click();
  await expect(byTestId(clerk, 'pick-done').textContent()).resolves.toMatch(/领料单 \S+ 已过账/);
  // The issue went to the task order: its remaining need fell by what was picked.
  await clerk.waitForFunction(
    ([testId, expected]) =>
      document
        .querySelector(`[data-testid="${testId}"]`)
        ?.textContent?.includes(`待领 ${expected} `),
    ['pick-line-PT-MOT40-qty', String(openBefore - 100)] as const,
  );
  await screenshot(clerk, 'f5-pick-posted');

  // The worker reports: a bad quantity is shown under its field, then 100 good, 2 scrap.
  const worker = await e2e.newPage();
  await loginAs(worker, e2e.appUrl, 'chenjie');
  await openOrder(worker, 'tile-work-report');
  await byTestId(worker, 'report-page').waitFor();
  await fill(worker, 'report-good', '-5');
  await byTestId(worker, 'report-submit').click();
  await byTestId(worker, 'report-good-error').waitFor();
  await expect(byTestId(worker, 'report-good-error').textContent()).resolves.toMatch(
    /[\u4e00-\u9fff]/,
  );
  await screenshot(worker, 'f6-report-field-error');
  await fill(worker, 'report-good', '100');
  await fill(worker, 'report-scrap', '2');
  await fill(worker, 'report-hours', '8');
  await byTestId(worker, 'report-submit').click();
  await expect(byTestId(worker, 'report-progress').textContent()).resolves.toContain(
    '累计良品 100',
  );
  await screenshot(worker, 'f7-report-done');

  // The clerk receives 50 (a part): the backflushed components are listed.
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/task/index?no=${ORDER}`);
  const good = await eventually(async () => {
    await clerk.reload();
    return byTestId(clerk, 'task-good').textContent();
  }, '100 个');
  expect(good).toBe('100 个');
  await byTestId(clerk, 'task-receipt').click();
  await byTestId(clerk, 'receipt-page').waitFor();
  await fill(clerk, 'receipt-qty', '50');
  await byTestId(clerk, 'receipt-submit').click();
  await byTestId(clerk, 'receipt-done').waitFor();
  await expect(byTestId(clerk, 'backflush-PT-CONN').textContent()).resolves.toMatch(/\d/);
  await expect(byTestId(clerk, 'receipt-order').textContent()).resolves.toContain('已入库 50');
  await screenshot(clerk, 'f8-receipt-backflush');

  // 60 more would make 110 received against 100 reported good: refused under the quantity,
  // and the clerk is told the allowance is a supervisor's.
  await fill(clerk, 'receipt-qty', '60');
  await byTestId(clerk, 'receipt-submit').click();
  const qtyError = await byTestId(clerk, 'receipt-qty-error').textContent();
  expect(qtyError).toContain('入库超过报工良品');
  expect(qtyError).toContain('已报良品 100');
  expect(qtyError).toContain('本次 60');
  expect(qtyError).toContain('最多还能入库 50');
  await expect(byTestId(clerk, 'receipt-allowAboveReported-hint').textContent()).resolves.toContain(
    '请先报工',
  );
  await expect(byTestId(clerk, 'receipt-allowAboveReported').count()).resolves.toBe(0);
  await screenshot(clerk, 'f9-receipt-above-reported');

  // The supervisor may allow it: tick the allowance, confirm again.
  const supervisor = await e2e.newPage();
  await loginAs(supervisor, e2e.appUrl, 'liuyang');
  await supervisor.goto(`${e2e.appUrl}#/pages/shopfloor/receipt/index?no=${ORDER}`);
  await byTestId(supervisor, 'receipt-page').waitFor();
  await fill(supervisor, 'receipt-qty', '60');
  await byTestId(supervisor, 'receipt-submit').click();
  await byTestId(supervisor, 'receipt-qty-error').waitFor();
  await byTestId(supervisor, 'receipt-allowAboveReported').click();
  await expect(byTestId(supervisor, 'receipt-allowAboveReported').textContent()).resolves.toContain(
    '☑',
  );
  await screenshot(supervisor, 'f10-receipt-allow-above-reported');
  await byTestId(supervisor, 'receipt-submit').click();
  await byTestId(supervisor, 'receipt-done').waitFor();
  await expect(byTestId(supervisor, 'receipt-order').textContent()).resolves.toContain(
    '已入库 110',
  );
});

test('a short component is picked with its allowed substitute, recorded as issued in its place', async () => {
  // SA-HEAD40 × 500 needs 500 motors, more than are in stock; its BOM allows PT-MOT40B 1:1
  // (120 in stock), so the substitute covers 120 of the shortfall.
  const api = await adminApi(e2e);
  const no = await api.newOrder('SA-HEAD40', '500');
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/pick/index?no=${no}`);
  await byTestId(clerk, 'pick-line-PT-MOT40').waitFor();
  const row = 'pick-line-PT-MOT40>PT-MOT40B';
  await expect(byTestId(clerk, `${row}-substitute`).textContent()).resolves.toContain(
    '代替 PT-MOT40',
  );
  await expect(byTestId(clerk, `${row}-qty`).textContent()).resolves.toContain('可替代 120');
  await byTestId(clerk, row).click();
  await fill(clerk, 'pick-scan-input', 'RM');
  await byTestId(clerk, 'pick-scan-confirm').click();
  await byTestId(clerk, `${row}-located`).waitFor();
  // A label not on the list is not the substitute's.
  await fill(clerk, 'pick-scan-input', 'PT-CONN');
  await byTestId(clerk, 'pick-scan-confirm').click();
  await expect(byTestId(clerk, 'pick-scan-error').textContent()).resolves.toContain(
    '扫描的物料不是 PT-MOT40B',
  );
  await fill(clerk, 'pick-scan-input', 'PT-MOT40B');
  await byTestId(clerk, 'pick-scan-confirm').click();
  await byTestId(clerk, `${row}-ok`).waitFor();
  await expect(byTestId(clerk, `${row}-pick`).locator('input').inputValue()).resolves.toBe('120');
  await expect(byTestId(clerk, `${row}-substitute`).textContent()).resolves.toContain(
    '发 PT-MOT40B 120',
  );
  await screenshot(clerk, 'f11-pick-substitute');
  await byTestId(clerk, 'pick-submit').click();
  await expect(byTestId(clerk, 'pick-done').textContent()).resolves.toMatch(/领料单 \S+ 已过账/);
  // The motor need is covered by what the substitute gave: 380 are left to pick.
  await clerk.waitForFunction(
    (testId) =>
      document.querySelector(`[data-testid="${testId}"]`)?.textContent?.includes('待领 380 '),
    'pick-line-PT-MOT40-qty',
  );
  const order = await api.call<TaskOrder>('GET', `/api/task-orders/${no}`);
  expect(order.needs.find((n) => n.item === 'PT-MOT40')).toMatchObject({
    issued: '120',
    substituted: [{ item: 'PT-MOT40B', warehouse: 'RM', qty: '120', covers: '120' }],
  });
  expect(order.issued).toEqual([{ item: 'PT-MOT40', qty: '120' }]);
  await screenshot(clerk, 'f12-pick-substitute-posted');

  // 退料 lists the substitute apart, as issued for the motor.
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/return/index?no=${no}`);
  const back = 'return-line-PT-MOT40B>PT-MOT40';
  await expect(byTestId(clerk, `${back}-issued`).textContent()).resolves.toContain(
    '已领 120 个 · 替代 PT-MOT40',
  );
  await expect(byTestId(clerk, 'return-line-PT-MOT40').count()).resolves.toBe(0);
});
