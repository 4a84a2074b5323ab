import { jest } from '@jest/globals';
import type { Forecast, Page, WorkCalendar } from '@factory/shared';
import {
  adminApi,
  answerModal,
  byTestId,
  fill,
  loginAs,
  pick,
  screenshot,
  startE2E,
  type E2E,
} from './harness.js';

// The planner's page (计划输入): a forecast and a holiday entered in the mini-program (H5).
jest.setTimeout(120_000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 600_000);
afterAll(async () => {
  await e2e?.close();
});

test('a planner enters, changes and deletes a forecast, and adds a holiday and a working Saturday', async () => {
  const api = await adminApi(e2e);
  const page = await e2e.newPage();
  await loginAs(page, e2e.appUrl, 'lina');
  await byTestId(page, 'tile-planning').click();
  await byTestId(page, 'planning-page').waitFor();
  // The imported forecast, with the item's name and unit in words.
  const imported = byTestId(page, 'forecast-qty-FG-FS40-2026-12-01');
  await expect(imported.textContent()).resolves.toBe('1500 个');
  await screenshot(page, 'p1-forecasts');

  // A bad entry is told at its fields; nothing is written.
  await byTestId(page, 'forecast-add').click();
  await pick(page, 'forecast-item', 'FS40', 'FG-FS40');
  await fill(page, 'forecast-from', '2027-02-28');
  await fill(page, 'forecast-to', '2027-02-01');
  await fill(page, 'forecast-qty', '0');
  await byTestId(page, 'forecast-save').click();
  await byTestId(page, 'forecast-to-error').waitFor();
  await expect(byTestId(page, 'forecast-qty-error').textContent()).resolves.toContain('大于 0');
  await screenshot(page, 'p2-forecast-errors');

  await fill(page, 'forecast-from', '2027-02-01');
  await fill(page, 'forecast-to', '2027-02-28');
  await fill(page, 'forecast-qty', '800');
  await fill(page, 'forecast-note', '春节后补货');
  await byTestId(page, 'forecast-save').click();
  const row = byTestId(page, 'forecast-qty-FG-FS40-2027-02-01');
  await row.waitFor();
  await expect(row.textContent()).resolves.toBe('800 个');
  await screenshot(page, 'p3-forecast-added');

  await byTestId(page, 'forecast-edit-FG-FS40-2027-02-01').click();
  await fill(page, 'forecast-qty', '900');
  await byTestId(page, 'forecast-save').click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="forecast-qty-FG-FS40-2027-02-01"]')?.textContent ===
      '900 个',
  );
  const saved = await api.call<Page<Forecast>>('GET', '/api/forecasts?item=FG-FS40');
  expect(saved.items.map((f) => [f.from, f.to, f.qty, f.note, f.updatedBy])).toEqual([
    ['2026-12-01', '2026-12-31', '1500', undefined, undefined],
    ['2027-02-01', '2027-02-28', '900', '春节后补货', 'lina'],
  ]);

  await byTestId(page, 'forecast-delete-FG-FS40-2027-02-01').click();
  await expect(answerModal(page, 'confirm')).resolves.toContain('2027-02-01');
  await row.waitFor({ state: 'detached' });

  // The calendar: a holiday on Monday 3 May 2027, Saturday 8 May worked.
  await byTestId(page, 'planning-tab-calendar').click();
  await byTestId(page, 'calendar-weekdays').waitFor();
  await expect(byTestId(page, 'calendar-weekday-6').getAttribute('data-off')).resolves.toBe('true');
  await fill(page, 'calendar-holidays-date', '2027-05-03');
  await byTestId(page, 'calendar-holidays-add').click();
  await byTestId(page, 'calendar-holidays-2027-05-03').waitFor();
  await expect(byTestId(page, 'calendar-holidays-2027-05-03').textContent()).resolves.toContain(
    '星期一',
  );
  await fill(page, 'calendar-working-days-date', '2027-05-08');
  await byTestId(page, 'calendar-working-days-add').click();
  await byTestId(page, 'calendar-working-days-2027-05-08').waitFor();
  // The same date cannot be both: told at the field.
  await fill(page, 'calendar-working-days-date', '2027-05-03');
  await byTestId(page, 'calendar-working-days-add').click();
  await expect(byTestId(page, 'calendar-working-days-date-error').textContent()).resolves.toContain(
    '节假日',
  );
  await screenshot(page, 'p4-calendar');

  const cal = await api.call<WorkCalendar>('GET', '/api/calendar');
  expect(cal.holidays).toContain('2027-05-03');
  expect(cal.extraWorkingDays).toEqual(['2027-05-08']);
  expect(cal.nonWorkingWeekdays).toEqual([6, 7]);
});
