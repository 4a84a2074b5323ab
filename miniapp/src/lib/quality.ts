import type { DispositionKind, InspectionReceiptKind, InspectionStatus } from '@factory/shared';
import {
  addDecimal,
  compareDecimal,
  isDecimal,
  isPositiveDecimal,
  multiplyDecimal,
  roundHalfUpDecimal,
  subtractDecimal,
} from './decimal';

/** Quality pages: inspection orders (检验单), results, dispositions and the report's numbers. */

export const RECEIPT_KIND_LABELS: Record<InspectionReceiptKind, string> = {
  purchase: '采购入库',
  outsourcing: '委外入库',
  production: '生产入库',
  customerReturn: '销售退货',
};

export const receiptKindLabel = (kind: string): string =>
  RECEIPT_KIND_LABELS[kind as InspectionReceiptKind] ?? kind;

export const INSPECTION_STATUS_LABELS: Record<InspectionStatus, string> = {
  open: '待检',
  inspected: '待处置',
  disposed: '已完成',
};

export const inspectionStatusLabel = (status: string): string =>
  INSPECTION_STATUS_LABELS[status as InspectionStatus] ?? status;

/** Tag colours of app.css by status. */
export const inspectionStatusTone = (status: string): string =>
  ({ open: 'pending', inspected: 'rejected', disposed: 'confirmed' })[status] ?? 'draft';

export const DISPOSITION_LABELS: Record<DispositionKind, string> = {
  returnToSupplier: '退货',
  scrap: '报废',
  rework: '返修',
  concession: '让步接收',
};

/** The order in which the disposition form offers the kinds. */
export const DISPOSITION_ORDER: readonly DispositionKind[] = [
  'returnToSupplier',
  'scrap',
  'rework',
  'concession',
];

export const dispositionLabel = (kind: string): string =>
  DISPOSITION_LABELS[kind as DispositionKind] ?? kind;

/** A concession's approval as people read it. */
export const concessionStatusLabel = (status: string): string =>
  ({ pending: '审批中', approved: '已同意', rejected: '已驳回' })[status] ?? status;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Whole calendar days (Asia/Shanghai, as the server counts) from `openedAt` to `now`. */
export function ageInDays(openedAt: string, now: Date): number {
  const opened = Date.parse(openedAt);
  if (Number.isNaN(opened)) return 0;
  const day = (ms: number) => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
  return Math.max(0, day(now.getTime()) - day(opened));
}

/** "今天开单" / "已等待 3 天". */
export function ageLabel(days: number): string {
  return days <= 0 ? '今天开单' : `已等待 ${days} 天`;
}

/**
 * What the rejected field shows as the inspector types the accepted quantity: the rest of the
 * lot, when accepted is a number within it; else the rejected field keeps what it had.
 */
export function autoRejected(qty: string, accepted: string, previous: string): string {
  const a = accepted.trim();
  if (!isDecimal(a) || compareDecimal(a, '0') < 0 || compareDecimal(a, qty) > 0) return previous;
  return subtractDecimal(qty, a);
}

export type ResultDraft = {
  sampled: string;
  accepted: string;
  rejected: string;
  defects: { code: string; qty: string }[];
};

/** Problems by the API's body path (`accepted`, `defects.0.qty`), as the server checks them. */
export function checkResultDraft(
  qty: string,
  draft: ResultDraft,
  requiredSample?: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const sampled = draft.sampled.trim();
  const accepted = draft.accepted.trim();
  const rejected = draft.rejected.trim();
  if (!isPositiveDecimal(sampled)) errors.sampled = '请填写抽样数量（大于 0）';
  else if (compareDecimal(sampled, qty) > 0) {
    errors.sampled = `抽样数量 ${sampled} 不能超过检验数量 ${qty}`;
  } else if (requiredSample && compareDecimal(sampled, requiredSample) < 0) {
    errors.sampled = `按检验方案，抽样数量不少于 ${requiredSample}`;
  }
  const nonNegative = (v: string) => isDecimal(v) && compareDecimal(v, '0') >= 0;
  if (!nonNegative(accepted)) errors.accepted = '请填写合格数量';
  if (!nonNegative(rejected)) errors.rejected = '请填写不合格数量';
  if (!errors.accepted && !errors.rejected) {
    const total = addDecimal(accepted, rejected);
    if (compareDecimal(total, qty) !== 0) {
      errors.accepted = `合格数量 ${accepted} + 不合格数量 ${rejected} = ${total}，应等于检验数量 ${qty}`;
    }
  }
  draft.defects.forEach((d, i) => {
    if (!d.code) errors[`defects.${i}.code`] = '请选择缺陷';
    if (!isPositiveDecimal(d.qty.trim())) errors[`defects.${i}.qty`] = '请填写缺陷数量（大于 0）';
    else if (isPositiveDecimal(sampled) && compareDecimal(d.qty.trim(), sampled) > 0) {
      errors[`defects.${i}.qty`] = `缺陷数量 ${d.qty.trim()} 不能超过抽样数量 ${sampled}`;
    }
  });
  const seen = new Set<string>();
  draft.defects.forEach((d, i) => {
    if (d.code && seen.has(d.code)) errors[`defects.${i}.code`] = `缺陷代码 ${d.code} 重复`;
    seen.add(d.code);
  });
  if (
    !errors.rejected &&
    compareDecimal(rejected, '0') > 0 &&
    draft.defects.filter((d) => d.code).length === 0
  ) {
    errors.defects = '有不合格数量时，请至少登记一项缺陷';
  }
  return errors;
}

export type SplitDraft = Partial<Record<DispositionKind, string>>;

/**
 * The split of the undisposed rejected quantity: each filled quantity positive, the filled
 * ones summing to `undisposed`. Errors by the form's keys (`<kind>` and `lines`) and the lines
 * to send (in the form's order, empty ones left out).
 */
export function checkSplit(
  undisposed: string,
  split: SplitDraft,
): {
  errors: Record<string, string>;
  lines: { kind: DispositionKind; qty: string }[];
  total: string;
} {
  const errors: Record<string, string> = {};
  const lines: { kind: DispositionKind; qty: string }[] = [];
  let total = '0';
  for (const kind of DISPOSITION_ORDER) {
    const v = split[kind]?.trim() ?? '';
    if (!v) continue;
    if (!isPositiveDecimal(v)) {
      errors[kind] = '数量应大于 0';
      continue;
    }
    lines.push({ kind, qty: v });
    total = addDecimal(total, v);
  }
  if (!lines.length && !Object.keys(errors).length) errors.lines = '请至少填写一项处置';
  else if (!Object.keys(errors).length && compareDecimal(total, undisposed) !== 0) {
    errors.lines = `处置数量合计 ${total} 应等于待处置数量 ${undisposed}`;
  }
  return { errors, lines, total };
}

/** A ratio of the API ("0.8", 4 decimals) as a percentage: "80.00%"; null -> "—". */
export function formatPercent(ratio: string | null | undefined, places = 2): string {
  if (ratio === null || ratio === undefined || !isDecimal(ratio)) return '—';
  const pct = roundHalfUpDecimal(multiplyDecimal(ratio, '100'), places);
  const [int, frac = ''] = pct.split('.');
  return `${int}${places > 0 ? `.${frac.padEnd(places, '0')}` : ''}%`;
}

/** A ratio as a bar width for the hand-rolled charts: "0%" to "100%", never more or less. */
export function barWidth(ratio: string | null | undefined): string {
  if (ratio === null || ratio === undefined || !isDecimal(ratio)) return '0%';
  const pct = Number(multiplyDecimal(ratio, '100'));
  return `${Math.min(100, Math.max(0, Math.round(pct * 10) / 10))}%`;
}

/** A quantity's share of the largest quantity (bars scaled to the longest). */
export function shareOfMax(value: string, max: string): string {
  if (!isDecimal(value) || !isPositiveDecimal(max)) return '0%';
  return barWidth(String(Number(value) / Number(max)));
}

/** "2026-06-01" to "2026-12-01": the report's default range, six months back to today. */
export function defaultReportRange(today: Date): { from: string; to: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const from = new Date(today.getFullYear(), today.getMonth() - 6, today.getDate());
  // 31 August minus six months is 3 March in JS; keep it in the month aimed at.
  if (from.getDate() !== today.getDate()) from.setDate(0);
  return { from: iso(from), to: iso(today) };
}

/** "2026-11" -> "2026年11月"; other keys as they are. */
export function monthLabel(key: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? `${m[1]}年${Number(m[2])}月` : key;
}

/**
 * A person as the pages show them: the signed-in user's own name for their own entries; the
 * API records others by their WeCom userid only (there is no directory to read names from).
 */
export function personLabel(user: string, me?: { user: string; name?: string }): string {
  return me && me.user === user && me.name ? me.name : user;
}
