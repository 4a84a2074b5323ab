import * as z from 'zod';
import { zCode, zDate, zDecimal, zMoney } from './common.js';

/**
 * The manager's dashboard (经营看板, issue 16 deliverable 4; docs/dashboard.md): one answer per
 * chart, each number with the documents behind it (the drill-down), read from the documents
 * themselves so the numbers match them exactly.
 */

/** The widest range a chart covers: about 13 months. */
export const MAX_DASHBOARD_DAYS = 400;

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/**
 * A period chart's query: buckets by ISO week (Monday to Sunday, `2026-W48`) or by calendar
 * month (`2026-11`); `from`/`to` are business days (default: the last 8 weeks or 6 months to
 * today), widened to whole buckets.
 */
export const zDashboardPeriodQuery = z
  .strictObject({
    by: z.enum(['week', 'month']).default('week'),
    from: zDate.optional(),
    to: zDate.optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    if (q.from > q.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    } else if (dayNumber(q.to) - dayNumber(q.from) > MAX_DASHBOARD_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `日期范围最多 ${MAX_DASHBOARD_DAYS} 天`,
      });
    }
  });
export type DashboardPeriodQuery = z.infer<typeof zDashboardPeriodQuery>;

/** The business days a production summary counts completions in (default: this month). */
export const zDashboardRangeQuery = z
  .strictObject({ from: zDate.optional(), to: zDate.optional() })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    }
  });
export type DashboardRangeQuery = z.infer<typeof zDashboardRangeQuery>;

const zBucket = z.object({
  /** `2026-W48` (ISO week) or `2026-11`. */
  key: z.string(),
  from: zDate,
  to: zDate,
});

/** A document behind a number: its number, business date and amount (excluding VAT). */
export const zDashboardDoc = z.object({ no: z.string(), date: zDate, amount: zMoney });
export type DashboardDoc = z.infer<typeof zDashboardDoc>;

const zAmountCount = z.object({
  count: z.number().int(),
  amount: zMoney,
  docs: z.array(zDashboardDoc),
});

/**
 * Orders booked (confirmed or later closed sales orders, by order date, their total excluding
 * VAT) and delivered (deliveries by shipment date, each line's quantity at its order line's
 * price, half up to the fen) per bucket.
 */
export const zOrdersChart = z.object({
  by: z.enum(['week', 'month']),
  from: zDate,
  to: zDate,
  buckets: z.array(zBucket.extend({ booked: zAmountCount, delivered: zAmountCount })),
  total: z.object({
    booked: zAmountCount.omit({ docs: true }),
    delivered: zAmountCount.omit({ docs: true }),
  }),
});
export type OrdersChart = z.infer<typeof zOrdersChart>;

const zTaskOrderRef = z.object({
  no: z.string(),
  item: z.string(),
  qty: zDecimal,
  dueDate: zDate,
  status: z.string(),
  /** The business day the order was completed (completed ones). */
  completedOn: zDate.optional(),
});

/**
 * Production progress today: released or in progress task orders (open), those of them due
 * before today (late), and those completed by their work reports within the range.
 */
export const zProductionSummary = z.object({
  today: zDate,
  from: zDate,
  to: zDate,
  open: z.object({ count: z.number().int(), orders: z.array(zTaskOrderRef) }),
  late: z.object({ count: z.number().int(), orders: z.array(zTaskOrderRef) }),
  completed: z.object({ count: z.number().int(), orders: z.array(zTaskOrderRef) }),
});
export type ProductionSummary = z.infer<typeof zProductionSummary>;

/** Items short for open task orders (the shortage analysis of today), largest shortage first. */
export const zShortageSummary = z.object({
  date: zDate,
  /** Task orders with a shortage (partial or short). */
  orderCount: z.number().int(),
  itemCount: z.number().int(),
  items: z.array(
    z.object({
      item: zCode,
      name: z.string().optional(),
      short: zDecimal,
      /** The task orders short of it. */
      orders: z.array(z.string()),
    }),
  ),
});
export type ShortageSummary = z.infer<typeof zShortageSummary>;

/** Pass rate per bucket, as the quality reports count it (accepted ÷ inspected). */
export const zQualityChart = z.object({
  by: z.enum(['week', 'month']),
  from: zDate,
  to: zDate,
  buckets: z.array(
    zBucket.extend({
      inspected: zDecimal,
      accepted: zDecimal,
      rejected: zDecimal,
      /** Up to 4 decimals, half up (as the quality reports give it); null when nothing was inspected. */
      passRate: z.string().nullable(),
      /** The inspections whose results count here. */
      inspections: z.array(z.string()),
    }),
  ),
  total: z.object({
    inspected: zDecimal,
    accepted: zDecimal,
    rejected: zDecimal,
    passRate: z.string().nullable(),
  }),
});
export type QualityChart = z.infer<typeof zQualityChart>;

/** Cost per product and gross margin of the latest costed period (null: none costed yet). */
export const zCostSummary = z.object({
  period: z.string().nullable(),
  status: z.enum(['costed', 'closed']).nullable(),
  products: z.array(
    z.object({
      item: zCode,
      name: z.string().optional(),
      received: zDecimal,
      /** Amounts in yuan as the cost report gives them. */
      completed: z.string(),
      unitCost: z.string().nullable(),
      salesAmount: z.string(),
      grossMargin: z.string(),
      marginRate: z.string().nullable(),
    }),
  ),
});
export type CostSummary = z.infer<typeof zCostSummary>;
