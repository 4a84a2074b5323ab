import { dateOf, dayNumber, workCalendar } from './calendar.js';

const d = dayNumber;

describe('workCalendar', () => {
  const base = { nonWorkingWeekdays: [6, 7], holidays: ['2026-12-25'] };

  it('skips weekends and holidays when counting lead time back', () => {
    const cal = workCalendar(base);
    // Monday 2026-12-28 minus 2 working days: Friday 25th is a holiday -> Wednesday 23rd.
    expect(dateOf(cal.minusWorkingDays(d('2026-12-28'), 2))).toBe('2026-12-23');
    expect(cal.isWorking(d('2026-12-26'))).toBe(false);
    // And forward: Wednesday 23rd plus 2 working days: Thursday 24th, then Monday 28th.
    expect(dateOf(cal.plusWorkingDays(d('2026-12-23'), 2))).toBe('2026-12-28');
    expect(cal.plusWorkingDays(d('2026-12-26'), 0)).toBe(d('2026-12-26'));
  });

  it('works an extra working day although its weekday is off', () => {
    const cal = workCalendar({ ...base, extraWorkingDays: ['2026-12-26'] });
    expect(cal.isWorking(d('2026-12-26'))).toBe(true);
    expect(dateOf(cal.minusWorkingDays(d('2026-12-28'), 1))).toBe('2026-12-26');
    expect(dateOf(cal.firstWorkingOnOrAfter(d('2026-12-25')))).toBe('2026-12-26');
  });

  it('works an extra working day although it is a holiday', () => {
    const cal = workCalendar({ ...base, extraWorkingDays: ['2026-12-25'] });
    expect(cal.isWorking(d('2026-12-25'))).toBe(true);
  });

  it('refuses a week without a working day', () => {
    expect(() => workCalendar({ nonWorkingWeekdays: [1, 2, 3, 4, 5, 6, 7], holidays: [] })).toThrow(
      /at least one working weekday/,
    );
  });
});
