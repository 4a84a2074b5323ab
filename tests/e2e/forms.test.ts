import { jest } from '@jest/globals';
import {
  answerModal,
  byTestId,
  eventually,
  fill,
  loginAs,
  screenshot,
  startE2E,
  type E2E,
} from './harness.js';

// A leave request on the phone (H5): the form's fields by type, the API's errors under them,
// the manager's approval on the WeCom card, the request approved in "my requests".
jest.setTimeout(120_000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('a worker asks for leave; missing fields are named; the manager approves on the card', async () => {
  const worker = await e2e.newPage();
  await loginAs(worker, e2e.appUrl, 'chenjie');
  await byTestId(worker, 'tile-office-forms').click();
  await byTestId(worker, 'forms-page').waitFor();
  await byTestId(worker, 'form-pick-LEAVE').click();
  await byTestId(worker, 'form-LEAVE').waitFor();
  await byTestId(worker, 'form-field-type-年假').click();
  await fill(worker, 'form-field-from', '2026-12-07');
  await fill(worker, 'form-field-days', '2');
  await byTestId(worker, 'form-submit').click();
  await expect(byTestId(worker, 'form-field-to-error').textContent()).resolves.toBe(
    '请填写结束日期',
  );
  await expect(byTestId(worker, 'form-field-reason-error').textContent()).resolves.toBe(
    '请填写事由',
  );
  await screenshot(worker, 'f1-leave-errors');

  await fill(worker, 'form-field-to', '2026-12-08');
  // A textarea: Taro's H5 Textarea wraps a native <textarea>.
  await byTestId(worker, 'form-field-reason').locator('textarea').fill('回老家办事');
  await byTestId(worker, 'form-submit').click();
  await byTestId(worker, 'forms-mine').waitFor();
  const row = worker.locator('[data-testid^="request-FR-"][data-testid$="-status"]:visible');
  await expect(row.first().textContent()).resolves.toBe('审批中');
  const no = (await row.first().getAttribute('data-testid'))!.replace(/^request-|-status$/g, '');
  await screenshot(worker, 'f2-my-requests');

  await e2e.runtime.wecom!.idle();
  const manager = await e2e.newPage();
  await manager.goto(`${e2e.simUrl}?corpid=wwdemo01&userid=zhoujun`);
  const card = manager.locator('[data-testid^="message-"]', { hasText: no });
  await card.waitFor();
  await card.locator('button[data-key^="approve"]').click();
  await card.locator('[data-testid^="card-done-"]').waitFor();
  await screenshot(manager, 'f3-sim-card-approved');

  await e2e.runtime.wecom!.idle();
  const status = await eventually(async () => {
    await byTestId(worker, 'forms-tab-mine').click();
    return byTestId(worker, `request-${no}-status`).textContent();
  }, '已通过');
  expect(status).toBe('已通过');
  await screenshot(worker, 'f4-approved');
});

test('a worker withdraws a pending request after confirming; cancelling the question keeps it', async () => {
  const worker = await e2e.newPage();
  await loginAs(worker, e2e.appUrl, 'chenjie');
  await byTestId(worker, 'tile-office-forms').click();
  await byTestId(worker, 'form-pick-LEAVE').click();
  await byTestId(worker, 'form-field-type-事假').click();
  await fill(worker, 'form-field-from', '2026-12-14');
  await fill(worker, 'form-field-to', '2026-12-14');
  await fill(worker, 'form-field-days', '1');
  await byTestId(worker, 'form-field-reason').locator('textarea').fill('家里有事');
  await byTestId(worker, 'form-submit').click();
  await byTestId(worker, 'forms-mine').waitFor();
  const button = worker.locator('[data-testid^="request-FR-"][data-testid$="-withdraw"]:visible');
  await button.first().waitFor();
  const no = (await button.first().getAttribute('data-testid'))!.replace(
    /^request-|-withdraw$/g,
    '',
  );

  // Asked first: 返回 leaves it pending.
  await byTestId(worker, `request-${no}-withdraw`).click();
  expect(await answerModal(worker, 'cancel')).toContain(no);
  await expect(byTestId(worker, `request-${no}-status`).textContent()).resolves.toBe('审批中');

  await byTestId(worker, `request-${no}-withdraw`).click();
  await answerModal(worker, 'confirm');
  await eventually(() => byTestId(worker, `request-${no}-status`).textContent(), '已撤回');
  expect(await byTestId(worker, `request-${no}-withdraw`).count()).toBe(0);
  await screenshot(worker, 'f5-withdrawn');
});
