import { jest } from '@jest/globals';
import { addDecimal, subtractDecimal } from '../../miniapp/src/lib/decimal.js';
import {
  byTestId,
  eventually,
  fill,
  loginAs,
  pick,
  screenshot,
  startE2E,
  type E2E,
  adminApi,
  text,
  type AdminApi,
} from './harness.js';

// Returns (退料) and supplementary issues (补料) in the mini-program (H5): a warehouse clerk
// returns part of what was issued to a task order (above the issued quantity the page refuses,
// then a valid return posts and the order's issued figure falls), then requests a
// supplementary issue with a reason (without one the page asks for it under 原因; the API's
// field errors show under their fields, e.g. a quantity finer than the item's unit); the
// supervisor approves it in the approvals inbox and the order's issued figure rises.
jest.setTimeout(240_000);

let e2e: E2E;
let api: AdminApi;

beforeAll(async () => {
  e2e = await startE2E();
  api = await adminApi(e2e);
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('return part of an issue (over-return refused), request 补料 with a reason, approve it', async () => {
  // A released order of 100 fan blades, everything it needs issued through the API.
  const no = await api.newOrder('SA-BLADE40', '100');
  await api.call('POST', `/api/task-orders/${no}/issues`, { date: '2026-12-01' });
  const hubIssued = await api.issuedOf(no, 'PT-HUB');
  const ppIssued = await api.issuedOf(no, 'PT-PP');
  expect(hubIssued).not.toBe('0');
  expect(ppIssued).not.toBe('0');

  // ---- 退料 -------------------------------------------------------------------------------
  const clerk = await e2e.newPage();
  await loginAs(clerk, e2e.appUrl, 'wangqiang');
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/task/index?no=${no}`);
  await byTestId(clerk, 'task-order-page').waitFor();
  await expect(text(clerk, 'need-PT-HUB-issued')).resolves.toBe(hubIssued);
  await screenshot(clerk, 'r1-task-order-return-supplementary-buttons');
  await byTestId(clerk, 'task-return').click();
  await byTestId(clerk, 'return-page').waitFor();
  await expect(text(clerk, 'return-order')).resolves.toBe(no);
  // The warehouse by name and code, the quantity with its unit.
  await expect(text(clerk, 'return-line-PT-HUB-issued')).resolves.toBe(
    `仓库 原料仓 RM · 已领 ${hubIssued} 个`,
  );
  await expect(text(clerk, 'return-line-PT-PP-issued')).resolves.toContain(`已领 ${ppIssued} 千克`);

  // Above what was issued: refused on the page, nothing posted.
  const tooMuch = addDecimal(hubIssued, '1');
  await fill(clerk, 'return-line-PT-HUB-qty', tooMuch);
  await expect(text(clerk, 'return-line-PT-HUB-error')).resolves.toBe(
    `退料 ${tooMuch} 超过已领 ${hubIssued}`,
  );
  await byTestId(clerk, 'return-submit').click();
  await expect(text(clerk, 'form-error')).resolves.toContain('退料数量有误');
  await screenshot(clerk, 'r2-return-above-issued-refused');
  expect(await api.issuedOf(no, 'PT-HUB')).toBe(hubIssued);

  // Optional scan: a label of another item is refused, the line's own label confirms it.
  await byTestId(clerk, 'return-line-PT-HUB').click();
  await fill(clerk, 'return-scan-input', 'PT-PP');
  await byTestId(clerk, 'return-scan-confirm').click();
  await expect(text(clerk, 'return-scan-error')).resolves.toContain('扫描的物料不是 PT-HUB');
  await fill(clerk, 'return-scan-input', 'PT-HUB');
  await byTestId(clerk, 'return-scan-confirm').click();
  await byTestId(clerk, 'return-line-PT-HUB-ok').waitFor();

  // A valid return: 3 hubs and 0.125 kg of PP (exact decimals), posted once.
  await fill(clerk, 'return-line-PT-HUB-qty', '3');
  await fill(clerk, 'return-line-PT-PP-qty', '0.125');
  expect(await eventually(() => byTestId(clerk, 'return-line-PT-HUB-error').count(), 0)).toBe(0);
  await byTestId(clerk, 'return-submit').click();
  await expect(text(clerk, 'return-done-doc')).resolves.toMatch(/退料单 \S+ 已过账/);
  const hubAfter = subtractDecimal(hubIssued, '3');
  const ppAfter = subtractDecimal(ppIssued, '0.125');
  await expect(text(clerk, 'return-done-PT-HUB')).resolves.toMatch(
    new RegExp(`PT-HUB ${hubAfter} 个$`),
  );
  await expect(text(clerk, 'return-done-PT-PP')).resolves.toMatch(
    new RegExp(`PT-PP ${ppAfter} 千克$`),
  );
  const hubLine = `仓库 原料仓 RM · 已领 ${hubAfter} 个`;
  expect(await eventually(() => text(clerk, 'return-line-PT-HUB-issued'), hubLine)).toBe(hubLine);
  await screenshot(clerk, 'r3-return-posted');
  expect(await api.issuedOf(no, 'PT-HUB')).toBe(hubAfter);
  expect(await api.issuedOf(no, 'PT-PP')).toBe(ppAfter);

  // ---- 补料 -------------------------------------------------------------------------------
  await clerk.goto(`${e2e.appUrl}#/pages/shopfloor/task/index?no=${no}`);
  await byTestId(clerk, 'task-order-page').waitFor();
  expect(await eventually(() => text(clerk, 'need-PT-HUB-issued'), hubAfter)).toBe(hubAfter);
  await byTestId(clerk, 'task-supplementary').click();
  await byTestId(clerk, 'supplementary-page').waitFor();
  await expect(text(clerk, 'supplementary-order')).resolves.toBe(no);
  // The order's own components are offered first.
  await pick(clerk, 'supplementary-item', 'HUB', 'PT-HUB');
  await expect(text(clerk, 'supplementary-item-issued')).resolves.toBe(`本单已领 ${hubAfter}`);
  await fill(clerk, 'supplementary-qty', '5');
  // Without a reason the page refuses (the reason is required), under 原因.
  await byTestId(clerk, 'supplementary-submit').click();
  await expect(text(clerk, 'supplementary-reason-error')).resolves.toBe('请填写补料原因');
  await screenshot(clerk, 'r4-supplementary-reason-required');
  // The API's checks show under their fields too: hubs are counted in whole pieces.
  await fill(clerk, 'supplementary-reason', '注塑毛刺报废 5 件');
  await fill(clerk, 'supplementary-qty', '2.5');
  await byTestId(clerk, 'supplementary-submit').click();
  await expect(text(clerk, 'supplementary-qty-error')).resolves.toBe(
    '数量 2.5 超出物料 PT-HUB 的精度（0 位小数）',
  );
  expect(await eventually(() => byTestId(clerk, 'supplementary-reason-error').count(), 0)).toBe(0);
  await screenshot(clerk, 'r4b-supplementary-api-field-error');

  await fill(clerk, 'supplementary-qty', '5');
  await byTestId(clerk, 'supplementary-submit').click();
  await expect(text(clerk, 'supplementary-state')).resolves.toMatch(
    /^补料单 (\S+)：已提交审批，等待审批$/,
  );
  await expect(byTestId(clerk, 'supplementary-reason-error').count()).resolves.toBe(0);
  await expect(text(clerk, 'supplementary-approval')).resolves.toContain('补料审批：待审批');
  const docNo = /^补料单 (\S+)：/.exec(await text(clerk, 'supplementary-state'))![1]!;
  await screenshot(clerk, 'r5-supplementary-pending-approval');
  // Nothing is issued before the approval.
  expect(await api.issuedOf(no, 'PT-HUB')).toBe(hubAfter);

  // The supervisor (rule 补料审批: supervisor or manager) approves in the inbox.
  const supervisor = await e2e.newPage();
  await loginAs(supervisor, e2e.appUrl, 'liuyang');
  await byTestId(supervisor, 'tile-approvals').click();
  await byTestId(supervisor, `inbox-${docNo}`).waitFor();
  await expect(text(supervisor, `inbox-${docNo}`)).resolves.toContain('补料单');
  await screenshot(supervisor, 'r6-supplementary-in-inbox');
  await byTestId(supervisor, `inbox-${docNo}-approve`).click();
  await byTestId(supervisor, `inbox-${docNo}`).waitFor({ state: 'detached' });

  const hubFinal = addDecimal(hubAfter, '5');
  expect(await eventually(() => api.issuedOf(no, 'PT-HUB'), hubFinal)).toBe(hubFinal);
  // The clerk's page follows the approval: approved, posted, the issued figure up by 5.
  await byTestId(clerk, 'supplementary-refresh').click();
  const approved = `补料单 ${docNo}：已批准，补料已过账`;
  expect(await eventually(() => text(clerk, 'supplementary-state'), approved)).toBe(approved);
  await expect(text(clerk, 'supplementary-approval')).resolves.toBe('补料审批：已同意（liuyang）');
  // The order's figures arrive with their own read after the refresh: wait for them.
  const issuedText = `PT-HUB 本单已领 ${hubFinal}`;
  expect(await eventually(() => text(clerk, 'supplementary-issued-PT-HUB'), issuedText)).toBe(
    issuedText,
  );
  // The order's request history (read from the API, so any phone sees it) shows it posted.
  // It is read again after the approval refresh: wait for it to arrive.
  await clerk.waitForFunction(
    ([testId, expected]) =>
      document.querySelector(`[data-testid="${testId}"]`)?.textContent?.includes(expected),
    [`supplementary-history-${docNo}`, `${docNo} · 已批准，补料已过账`] as const,
  );
  await screenshot(clerk, 'r7-supplementary-approved');
});
