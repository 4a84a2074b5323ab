import type { CostingRun, CostReport, ProductCostLine } from '@factory/shared';
import { isDecimal } from './decimal';

/** The cost pages (成本计算单): months, statuses, progress, amounts and the composition bars. */

export type PeriodStatus = 'open' | 'costed' | 'closed';

export const PERIOD_STATUS_LABELS: Record<PeriodStatus, string> = {
  open: '未核算',
  costed: '已核算',
  closed: '已关账',
};

/** Tag colours of app.css by status. */
export const periodStatusTone = (status: string): string =>
  ({ open: 'draft', costed: 'pending', closed: 'confirmed' })[status] ?? 'draft';

export const RUN_STEP_LABELS: Record<string, string> = {
  load: '读取账簿',
  compute: '计算',
  write: '写入报告',
  notify: '通知',
};
const RUN_STEPS = ['load', 'compute', 'write', 'notify'] as const;

export const RUN_STATUS_LABELS: Record<CostingRun['status'], string> = {
  running: '核算中',
  completed: '核算完成',
  failed: '核算失败',
};

export type StepState = 'done' | 'current' | 'waiting';

/** The four steps of a run with where it is: done, the one under way, those still to come. */
export function runProgress(run: CostingRun): { name: string; label: string; state: StepState }[] {
  const done = new Set(run.steps.map((s) => s.name));
  let current = run.status === 'running';
  return RUN_STEPS.map((name) => {
    let state: StepState = 'waiting';
    if (done.has(name) || run.status === 'completed') state = 'done';
    else if (current) {
      state = 'current';
      current = false;
    }
    return { name, label: RUN_STEP_LABELS[name] ?? name, state };
  });
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** "2026-12": the month of an instant in Shanghai (the factory's calendar). */
export function monthOf(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** "2026-11" from "2026-12" (months back; negative: forward). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "2026年11月". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/**
 * The months the picker offers, newest first: every period costed or closed, this month and
 * the one before (what is usually costed next) when they are not among them, the month shown
 * (opened from elsewhere), and `earlier` more months before the oldest (更早: a first period).
 */
export function pickerMonths(
  periods: readonly { period: string }[],
  now: Date,
  earlier = 0,
  shown?: string,
): string[] {
  const current = monthOf(now);
  const all = new Set([...periods.map((p) => p.period), current, addMonths(current, -1)]);
  if (shown) all.add(shown);
  const sorted = [...all].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const oldest = sorted.at(-1)!;
  for (let i = 1; i <= earlier; i++) sorted.push(addMonths(oldest, -i));
  return sorted;
}

/** The month to open first: the newest costed or closed one, else last month. */
export function defaultMonth(periods: readonly { period: string }[], now: Date): string {
  return periods[0]?.period ?? addMonths(monthOf(now), -1);
}

/** Six months ending with `month` (the product trend's range). */
export const trendRange = (month: string): { from: string; to: string } => ({
  from: addMonths(month, -5),
  to: month,
});

/** The latest closed period (the only one a manager may reopen). */
export function latestClosed(periods: readonly { period: string; status: string }[]) {
  return periods
    .filter((p) => p.status === 'closed')
    .map((p) => p.period)
    .sort()
    .at(-1);
}

/** The API's margin rate ("12.34", percent) as "12.34%"; none: "—". */
export const formatRate = (rate: string | null | undefined): string =>
  rate === null || rate === undefined ? '—' : `${rate}%`;

/** Why a product shows no sales price or margin. */
export function marginNote(p: ProductCostLine): string | undefined {
  if (p.salesUnitPrice !== null) return undefined;
  return Number(p.deliveredQty) === 0 ? '本期没有发货' : '本期发货没有销售单价';
}

/** What a name with its code reads as: "16寸三叶扇叶(注塑) SA-BLADE40". */
export const nameWithCode = (code: string, name?: string): string =>
  name && name !== code ? `${name} ${code}` : code;

export type Segment = {
  key: string;
  label: string;
  amount: string;
  colour: string;
  /** Share of the bar as a CSS percentage with two decimals ("37.50%"); 0 for amounts ≤ 0. */
  width: string;
};

const POOL_COLOURS = ['#00b42a', '#ff7d00', '#722ed1', '#f7ba1e', '#14c9c9', '#eb0aa4'];
export const ELEMENT_COLOURS = {
  material: '#1f6feb',
  outsourcingFee: '#f53f3f',
  openingWip: '#86909c',
};

/** The colour of each pool by its place among the report's pools (the same on every page). */
export function poolColour(code: string, poolCodes: readonly string[]): string {
  const i = poolCodes.indexOf(code);
  return POOL_COLOURS[(i < 0 ? poolCodes.length : i) % POOL_COLOURS.length]!;
}

export type Elements = {
  openingWip: string;
  material: string;
  pools: Record<string, string>;
  outsourcingFee: string;
};

/**
 * What a product's bar shows: its restored composition (成本还原: what was completed, with the
 * material of sub-assemblies made in the month split back into their elements; it sums to the
 * completed cost) when the report has it, else the orders' elements of the month.
 */
export function productElements(p: Pick<ProductCostLine, 'elements' | 'restored'>): Elements {
  return p.restored ? { ...p.restored, openingWip: '0.00' } : p.elements;
}

/**
 * A cost's composition as bar segments: direct material, each pool by its name, the
 * outsourcing fee, opening WIP. Elements of zero are left out; each positive one takes its
 * share of the positive elements' sum as its width.
 */
export function composition(
  e: Elements,
  pools: readonly { code: string; name?: string }[],
): Segment[] {
  const codes = pools.map((p) => p.code);
  const poolCodes = [...codes, ...Object.keys(e.pools).filter((c) => !codes.includes(c))];
  const raw = [
    { key: 'material', label: '直接材料', amount: e.material, colour: ELEMENT_COLOURS.material },
    ...poolCodes
      .filter((c) => e.pools[c] !== undefined)
      .map((c) => ({
        key: `pool-${c}`,
        label: pools.find((p) => p.code === c)?.name ?? c,
        amount: e.pools[c]!,
        colour: poolColour(c, poolCodes),
      })),
    {
      key: 'outsourcingFee',
      label: '委外加工费',
      amount: e.outsourcingFee,
      colour: ELEMENT_COLOURS.outsourcingFee,
    },
    {
      key: 'openingWip',
      label: '期初在产品',
      amount: e.openingWip,
      colour: ELEMENT_COLOURS.openingWip,
    },
  ].filter((s) => isDecimal(s.amount) && Number(s.amount) !== 0);
  const total = raw.reduce((sum, s) => sum + Math.max(0, Number(s.amount)), 0);
  return raw.map((s) => ({
    ...s,
    width:
      total > 0 && Number(s.amount) > 0
        ? `${((Number(s.amount) / total) * 100).toFixed(2)}%`
        : '0%',
  }));
}

/** A value's share of the largest (a month's bar against the longest): "0%" to "100%". */
export function shareOf(value: string | null | undefined, max: number): string {
  if (value === null || value === undefined || !isDecimal(value) || max <= 0) return '0%';
  return `${Math.min(100, Math.max(0, (Number(value) / max) * 100)).toFixed(2)}%`;
}

/** What a material line of an order's drill-down is: 领料, 退料 (drawn back), 倒冲 (backflush). */
export function materialKind(line: { kind: 'issue' | 'consume'; qty: string }): string {
  if (line.kind === 'consume') return '倒冲';
  return line.qty.startsWith('-') ? '退料' : '领料';
}

export const ORDER_KIND_LABELS: Record<'task' | 'outsourcing', string> = {
  task: '生产任务单',
  outsourcing: '委外订单',
};

/** The reconciliation's parts in words (the engine's keys), what goes in and what comes out. */
export const RECONCILIATION_IN: Record<string, string> = {
  openingStock: '期初库存',
  openingWip: '期初在产品',
  purchases: '采购入库（净额）',
  fees: '委外加工费',
  adjustments: '价值调整',
  expenses: '费用',
};
export const RECONCILIATION_OUT: Record<string, string> = {
  closingStock: '期末库存',
  closingWip: '期末在产品',
  deliveries: '销售出库',
  scrap: '报废',
  countLosses: '盘亏',
  otherIssues: '其他出库',
  productionLosses: '生产损失',
  priceDifferences: '价差',
  unallocated: '未分配费用',
};

/** The report's product lines with their pools' names (for the composition of each). */
export const reportPools = (report: CostReport) =>
  report.pools.map((p) => ({ code: p.code, name: p.name }));

/**
 * An API refusal in plain words: the costing refusals carry their reason in Chinese; a role
 * that may not do it, a lost connection and anything else get a sentence, never a code.
 */
export function refusalText(e: unknown): string {
  const err = e as { status?: number; code?: string; message?: string };
  if (err.code === 'auth.forbidden') return '您的角色不能执行此操作';
  if (err.status === 0) return '网络连接失败，请稍后重试';
  const message = err.message ?? '';
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  return '操作未成功，请稍后重试';
}
