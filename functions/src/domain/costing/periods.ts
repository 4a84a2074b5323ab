import type { CostPeriod } from './types.js';

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const parts = (id: string) => id.split('-').map(Number) as [number, number];

/** The month before `YYYY-MM`. */
export function previousMonth(id: string): string {
  const [y, m] = parts(id);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** The month after `YYYY-MM`. */
export function nextMonth(id: string): string {
  const [y, m] = parts(id);
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

/** The day a period of month `id` ends on: the closing day, or the month's last day. */
function endOf(id: string, closingDay?: number): string {
  const [y, m] = parts(id);
  const last = daysIn(y, m);
  return `${id}-${pad(closingDay === undefined ? last : Math.min(closingDay, last))}`;
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The period `YYYY-MM` (DOMAIN.md "Costing"): the calendar month, or, for a tenant that closes
 * on day N (1–31; past a short month's end: its last day), from the day after the previous
 * month's closing day to this month's.
 */
export function periodBounds(id: string, closingDay?: number): CostPeriod {
  if (closingDay === undefined) return { id, from: `${id}-01`, to: endOf(id) };
  return { id, from: dayAfter(endOf(previousMonth(id), closingDay)), to: endOf(id, closingDay) };
}

/** The calendar month `YYYY-MM` as a period: its first and last day. */
export const monthPeriod = (id: string): CostPeriod => periodBounds(id);

/** The period a date falls in. */
export function periodOfDate(date: string, closingDay?: number): string {
  const id = date.slice(0, 7);
  return date <= periodBounds(id, closingDay).to ? id : nextMonth(id);
}

export const inPeriod = (p: CostPeriod, date: string): boolean => p.from <= date && date <= p.to;

/** Where a period stands: open (not costed), costed (repeatable), closed (locked). */
export type PeriodStatus = 'open' | 'costed' | 'closed';

/**
 * Why a period cannot be costed now (undefined: it can): a closed period is not costed again,
 * and an earlier period still open refuses it (the opening comes from its close). `closed` is
 * the latest closed period, if any.
 */
export function costingRefusal(id: string, closed: string | undefined): string | undefined {
  if (closed !== undefined && id <= closed) return `期间 ${id} 已关账，不能重新核算`;
  if (closed !== undefined && id !== nextMonth(closed)) {
    return `请先核算并关账期间 ${nextMonth(closed)}，再核算 ${id}`;
  }
  return undefined;
}

/** Why a period cannot be closed: it must be the next after the latest closed, and costed. */
export function closeRefusal(
  id: string,
  status: PeriodStatus,
  closed: string | undefined,
): string | undefined {
  if (closed !== undefined && id <= closed) return `期间 ${id} 已关账`;
  if (closed !== undefined && id !== nextMonth(closed)) {
    return `请先关账期间 ${nextMonth(closed)}`;
  }
  if (status !== 'costed') return `期间 ${id} 尚未核算，不能关账`;
  return undefined;
}

/** Why a period cannot be reopened: only the latest closed period can. */
export function reopenRefusal(id: string, closed: string | undefined): string | undefined {
  if (closed === undefined || id > closed) return `期间 ${id} 未关账`;
  if (id !== closed) return `只能反关账最近关账的期间 ${closed}`;
  return undefined;
}
