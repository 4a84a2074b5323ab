/**
 * The dashboard's time buckets (docs/dashboard.md): ISO weeks (Monday to Sunday, the week
 * belongs to the year of its Thursday: `2026-W01` may start in December) or calendar months.
 * Dates are business days (YYYY-MM-DD); the arithmetic is on day numbers, no clock.
 */
export type BucketBy = 'week' | 'month';
export type Bucket = { key: string; from: string; to: string };

const DAY = 86_400_000;
const dayNo = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
const dateOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return dateOf(dayNo(date) + days);
}

/** Monday of the date's ISO week. */
export function mondayOf(date: string): string {
  const n = dayNo(date);
  // 1970-01-01 was a Thursday: (n + 3) mod 7 is 0 on Mondays.
  return dateOf(n - ((((n + 3) % 7) + 7) % 7));
}

/** `2026-W48`: the ISO week of a date. */
export function isoWeekKey(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor((dayNo(thursday) - dayNo(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function monthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/** The bucket a date falls in. */
export function bucketOf(date: string, by: BucketBy): Bucket {
  if (by === 'week') {
    const from = mondayOf(date);
    return { key: isoWeekKey(date), from, to: addDays(from, 6) };
  }
  return { key: date.slice(0, 7), from: `${date.slice(0, 7)}-01`, to: monthEnd(date) };
}

/** Every bucket from the one holding `from` to the one holding `to`, oldest first. */
export function bucketsBetween(from: string, to: string, by: BucketBy): Bucket[] {
  const out: Bucket[] = [];
  for (let b = bucketOf(from, by); b.from <= to; b = bucketOf(addDays(b.to, 1), by)) out.push(b);
  return out;
}

/**
 * The range a chart covers: the one asked for, else the last 8 weeks or 6 months up to the
 * bucket holding today; widened to whole buckets.
 */
export function chartRange(
  q: { by: BucketBy; from?: string | undefined; to?: string | undefined },
  today: string,
): { from: string; to: string; buckets: Bucket[] } {
  const to = q.to ?? today;
  let from = q.from;
  if (from === undefined) {
    const last = bucketOf(to, q.by);
    from = q.by === 'week' ? addDays(last.from, -7 * 7) : `${shiftMonth(last.key, -5)}-01`;
  }
  const buckets = bucketsBetween(from, to, q.by);
  return { from: buckets[0]!.from, to: buckets[buckets.length - 1]!.to, buckets };
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = y * 12 + (m - 1) + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** Groups values into the buckets by a date each carries (dates outside every bucket drop). */
export function intoBuckets<T>(
  buckets: readonly Bucket[],
  values: readonly T[],
  dateOfValue: (v: T) => string,
): T[][] {
  const out = buckets.map((): T[] => []);
  for (const v of values) {
    const d = dateOfValue(v);
    const at = buckets.findIndex((b) => b.from <= d && d <= b.to);
    if (at >= 0) out[at]!.push(v);
  }
  return out;
}
