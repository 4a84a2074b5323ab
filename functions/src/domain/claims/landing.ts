import { periodBounds, periodOfDate } from '../costing/periods.js';

/**
 * Where an approved claim line lands (DOMAIN.md "Costing" rule 4): a line whose category maps
 * to a pool lands in the period of its expense date while that period is open, else in the
 * period of the approval date (dated that day); a period-expense line (期间费用) lands nowhere.
 */
export type LineToLand = { line: number; date: string; pool?: string };
export type Landing = { line: number; pool: string; period: string; date: string };

export function landLines(
  lines: readonly LineToLand[],
  approvedOn: string,
  closingDay: number | undefined,
  closedThrough: string | undefined,
): Landing[] {
  const closed = (period: string) =>
    closedThrough !== undefined && periodBounds(period, closingDay).to <= closedThrough;
  const out: Landing[] = [];
  for (const l of lines) {
    if (l.pool === undefined) continue;
    const own = periodOfDate(l.date, closingDay);
    if (!closed(own)) out.push({ line: l.line, pool: l.pool, period: own, date: l.date });
    else
      out.push({
        line: l.line,
        pool: l.pool,
        period: periodOfDate(approvedOn, closingDay),
        date: approvedOn,
      });
  }
  return out;
}

/** The earliest last day of the periods landed in: one lock check covers them all. */
export function earliestPeriodEnd(
  landings: readonly Landing[],
  closingDay: number | undefined,
): string | undefined {
  const ends = landings.map((l) => periodBounds(l.period, closingDay).to).sort();
  return ends[0];
}
