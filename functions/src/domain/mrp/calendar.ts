/** Dates as day numbers (days since 1970-01-01, UTC): cheap to compare and step. */
export function dayNumber(date: string): number {
  let day = days.get(date);
  if (day === undefined) {
    day = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    if (days.size < 100_000) days.set(date, day);
  }
  return day;
}

/** Parsed dates, kept for the same reason as `dates` below (a net run parses many kept orders'). */
const days = new Map<string, number>();

const dates = new Map<number, string>();

/** Day number to 'YYYY-MM-DD'; kept, since a plan formats the same few hundred days a lot. */
export function dateOf(day: number): string {
  let text = dates.get(day);
  if (text === undefined) {
    text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dates.size < 100_000) dates.set(day, text);
  }
  return text;
}

/** ISO weekday, 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export type WorkCalendar = {
  isWorking(day: number): boolean;
  /** The day `n` working days before `day` (n = 0: the day itself). */
  minusWorkingDays(day: number, n: number): number;
  /** The day `n` working days after `day` (n = 0: the day itself). */
  plusWorkingDays(day: number, n: number): number;
  /** The first working day on or after `day`. */
  firstWorkingOnOrAfter(day: number): number;
};

/**
 * A day is worked when it is an extra working day (调休上班), or else when its weekday is not
 * off and it is no holiday.
 */
export function workCalendar(cal: {
  nonWorkingWeekdays: readonly number[];
  holidays: readonly string[];
  extraWorkingDays?: readonly string[];
}): WorkCalendar {
  const off = new Set(cal.nonWorkingWeekdays);
  const holidays = new Set(cal.holidays.map(dayNumber));
  const extra = new Set((cal.extraWorkingDays ?? []).map(dayNumber));
  if (off.size >= 7) throw new Error('a calendar needs at least one working weekday');
  const isWorking = (day: number) =>
    extra.has(day) || (!off.has(weekday(day)) && !holidays.has(day));
  return {
    isWorking,
    minusWorkingDays(day, n) {
      let d = day;
      for (let left = n; left > 0;) {
        d--;
        if (isWorking(d)) left--;
      }
      return d;
    },
    plusWorkingDays(day, n) {
      let d = day;
      for (let left = n; left > 0;) {
        d++;
        if (isWorking(d)) left--;
      }
      return d;
    },
    firstWorkingOnOrAfter(day) {
      let d = day;
      while (!isWorking(d)) d++;
      return d;
    },
  };
}
