/**
 * The dashboard's texts (docs/dashboard.md): bucket labels, exact amounts and rates for the
 * numbers shown beside each chart, and the plain numbers the charts draw (drawing only: every
 * figure a person reads is the exact text).
 */

export type By = 'week' | 'month';
export type BucketRef = { key: string; from: string; to: string };

const md = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

/** "第49周" / "11月". */
export function bucketShort(b: BucketRef): string {
  const week = /^\d{4}-W(\d{2})$/.exec(b.key);
  if (week) return `第${Number(week[1])}周`;
  return `${Number(b.key.slice(5, 7))}月`;
}

/** A chart's axis label, short enough for 8 buckets on a phone: "W49" / "11月". */
export function bucketAxis(b: BucketRef): string {
  const week = /^\d{4}-W(\d{2})$/.exec(b.key);
  return week ? `W${week[1]}` : `${Number(b.key.slice(5, 7))}月`;
}

/** "第49周（11/30–12/6）" / "2026年11月". */
export function bucketLabel(b: BucketRef): string {
  if (/^\d{4}-W\d{2}$/.test(b.key)) return `${bucketShort(b)}（${md(b.from)}–${md(b.to)}）`;
  return `${b.key.slice(0, 4)}年${Number(b.key.slice(5, 7))}月`;
}

/** Fen as yuan for drawing a bar (a float is fine for pixels, never for a figure shown). */
export const fenToYuanNumber = (fen: number): number => fen / 100;

/** A ratio for drawing ("0.94" → 94). */
export const ratioToPercentNumber = (ratio: string | null): number =>
  ratio === null ? 0 : Number(ratio) * 100;

/** The top of a count chart's axis: a multiple of 5 (its 5 grid lines fall on whole numbers). */
export const countAxisMax = (counts: number[]): number =>
  Math.max(5, Math.ceil(Math.max(0, ...counts) / 5) * 5);

/** "3 单". */
export const countText = (n: number, unit = '单'): string => `${n} ${unit}`;

/** The task order states as the dashboard names them. */
export const TASK_STATE_LABELS: Record<string, string> = {
  planned: '计划',
  released: '已下达',
  inProgress: '生产中',
  completed: '已完工',
  closed: '已关闭',
};

/** The drill-down lists of the charts. */
export type DrillKind =
  'booked' | 'delivered' | 'open' | 'late' | 'completed' | 'shortage' | 'inspections';

export const DRILL_TITLES: Record<DrillKind, string> = {
  booked: '接单',
  delivered: '发货',
  open: '在制工单',
  late: '逾期工单',
  completed: '完工工单',
  shortage: '缺料工单',
  inspections: '检验单',
};
