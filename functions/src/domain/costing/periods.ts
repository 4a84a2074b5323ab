import type { CostPeriod } from './types.js';

/** The calendar month `YYYY-MM` as a period: its first and last day. */
export function monthPeriod(id: string): CostPeriod {
  const [y, m] = id.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { id, from: `${id}-01`, to: `${id}-${String(last).padStart(2, '0')}` };
}

/** The month after `YYYY-MM`. */
export function nextMonth(id: string): string {
  const [y, m] = id.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export const inPeriod = (p: CostPeriod, date: string): boolean => p.from <= date && date <= p.to;
