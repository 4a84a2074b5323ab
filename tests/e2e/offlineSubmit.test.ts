import { jest } from '@jest/globals';
import type { Route } from 'playwright-core';
import { byTestId, fill, loginAs, screenshot, startE2E, type E2E } from './harness.js';

// Offline tolerance on the shop floor, in the browser against the real API: the worker's
// report reaches the server but every answer is lost on the way back (a phone losing signal
// in the workshop). The page retries with the same Idempotency-Key, gives up with a timeout
// message, and the worker presses again: the server answers with the report it already
// posted. One report, one progress step.
jest.setTimeout(180_000);

const ORDER = 'MO-2612-002';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('a work report whose answers are lost is retried with one key and posted once', async () => {
  const worker = await e2e.newPage();
  await loginAs(worker, e2e.appUrl, 'chenjie');
  await worker.goto(`${e2e.appUrl}#/pages/shopfloor/report/index?no=${ORDER}`);
  await byTestId(worker, 'report-page').waitFor();

  // Every POST reaches the server; the first three answers are dropped.
  const sent: { key: string; status: number; replay: boolean }[] = [];
  let drop = 3;
  await worker.route('**/api/work-reports', async (route: Route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch();
    const headers = response.headers();
    sent.push({
      key: route.request().headers()['idempotency-key'] ?? '',
      status: response.status(),
      replay: headers['idempotent-replay'] === 'true',
    });
    if (drop-- > 0) return route.abort('timedout');
    return route.fulfill({ response });
  });

  await fill(worker, 'report-good', '10');
  await fill(worker, 'report-hours', '1.5');
  await byTestId(worker, 'report-submit').click();
  // The page tried three times (one key), then says the request went unanswered.
  await expect(byTestId(worker, 'form-error').textContent()).resolves.toMatch(/网络|超时/);
  expect(sent).toHaveLength(3);
  await screenshot(worker, 'o1-report-unanswered');

  // The worker presses again with the same figures: the same key, answered from the record.
  await byTestId(worker, 'report-submit').click();
  await expect(byTestId(worker, 'report-progress').textContent()).resolves.toContain(
    '累计良品 10 ',
  );
  await screenshot(worker, 'o2-report-answered-once');

  expect(sent).toHaveLength(4);
  expect(new Set(sent.map((s) => s.key)).size).toBe(1);
  expect(sent[0]!.key).not.toBe('');
  expect(sent.map((s) => s.status)).toEqual([201, 201, 201, 201]);
  expect(sent.map((s) => s.replay)).toEqual([false, true, true, true]);

  // The server holds one report for the order, and the next report is a new one.
  const token = await worker.evaluate(() => {
    // Taro's H5 storage wraps each value as { data }.
    const raw = JSON.parse(localStorage.getItem('erp.session') ?? 'null') as {
      data?: { token?: string };
    } | null;
    return raw?.data?.token ?? '';
  });
  const res = await fetch(`${e2e.runtime.url}/api/work-reports?taskOrder=${ORDER}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const reports = (await res.json()) as { reports: { good: string }[] };
  expect(reports.reports.map((r) => r.good)).toEqual(['10']);

  await fill(worker, 'report-good', '5');
  await byTestId(worker, 'report-submit').click();
  await worker.waitForFunction(
    (testId) =>
      [...document.querySelectorAll(`[data-testid="${testId}"]`)].some((e) =>
        e.textContent?.includes('累计良品 15 '),
      ),
    'report-progress',
  );
  expect(sent).toHaveLength(5);
  expect(new Set(sent.map((s) => s.key)).size).toBe(2);
});
