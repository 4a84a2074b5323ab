import * as z from 'zod';
import { zCode, zDate, zPositiveQty, zTimestamp, zVersion } from './common.js';

/**
 * Planning inputs kept current (issue 12): forecasts by item and period, and the work
 * calendar. Both are the records an import of a factory file writes, so MRP reads what the
 * API wrote exactly as it reads what an import wrote.
 */

/** A forecast period is at most a year (MRP's horizon is shorter still). */
export const FORECAST_MAX_DAYS = 366;
/** The most holidays (and the most extra working days) a calendar holds: ten years of days. */
export const CALENDAR_MAX_DATES = 3_660;

const zNote = z.string().trim().max(200, { message: '备注最多 200 字' });

const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** `to` not before `from`, the period at most FORECAST_MAX_DAYS days (issues at `to`). */
function checkPeriod(p: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (p.from === undefined || p.to === undefined) return;
  if (p.to < p.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  } else if (days(p.from, p.to) > FORECAST_MAX_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `预测期间最长 ${FORECAST_MAX_DAYS} 天`,
    });
  }
}

/** A forecast: `qty` of `item` over the period `from`..`to` (both days included). */
export const zForecastCreate = z
  .strictObject({
    item: zCode,
    from: zDate,
    to: zDate,
    qty: zPositiveQty,
    note: zNote.optional(),
  })
  .superRefine(checkPeriod);
export type ForecastCreate = z.infer<typeof zForecastCreate>;

/** Change a forecast: its period, quantity or note; expectedVersion must match (else 409). */
export const zForecastUpdate = z
  .strictObject({
    expectedVersion: zVersion,
    from: zDate.optional(),
    to: zDate.optional(),
    qty: zPositiveQty.optional(),
    note: zNote.nullable().optional(),
  })
  .superRefine(checkPeriod);
export type ForecastUpdate = z.infer<typeof zForecastUpdate>;

/** A forecast is named by its item and the first day of its period. */
export const zForecastParams = z.strictObject({ item: zCode, from: zDate });
export type ForecastParams = z.infer<typeof zForecastParams>;

export const zForecastDeleteQuery = z.strictObject({
  expectedVersion: z.coerce.number().int().min(1),
});
export type ForecastDeleteQuery = z.infer<typeof zForecastDeleteQuery>;

/** By item (one item's forecasts) and by period (the forecasts overlapping from..to). */
export const zForecastListQuery = z
  .strictObject({
    item: zCode.optional(),
    from: zDate.optional(),
    to: zDate.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from !== undefined && q.to !== undefined && q.to < q.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    }
  });
export type ForecastListQuery = z.infer<typeof zForecastListQuery>;

export const zForecast = z.object({
  item: z.string(),
  /** The item's name and unit, for display (absent when the item is gone). */
  itemName: z.string().optional(),
  unit: z.string().optional(),
  from: zDate,
  to: zDate,
  qty: z.string(),
  note: z.string().optional(),
  /** Entered through the API, or brought by a factory file import. */
  origin: z.enum(['entry', 'import']),
  version: z.number().int().min(1),
  updatedAt: zTimestamp.optional(),
  updatedBy: z.string().optional(),
});
export type Forecast = z.infer<typeof zForecast>;

export const zForecastDeleted = z.object({
  item: z.string(),
  from: zDate,
  deleted: z.literal(true),
});

// ---- the work calendar ---------------------------------------------------------------------

/** ISO weekdays: 1 = Monday ... 7 = Sunday. */
export const zWeekday = z.number().int().min(1).max(7);

export const zWorkCalendar = z.object({
  /** Weekdays off every week (ISO: 1 = Monday ... 7 = Sunday). */
  nonWorkingWeekdays: z.array(zWeekday),
  /** Days off besides the weekly pattern (法定节假日), in date order. */
  holidays: z.array(zDate),
  /** Days worked although the weekly pattern has them off (调休上班), in date order. */
  extraWorkingDays: z.array(zDate),
  /** Absent while the tenant has no calendar stored (the defaults: Saturday and Sunday off). */
  version: z.number().int().min(1).optional(),
  updatedAt: zTimestamp.optional(),
  updatedBy: z.string().optional(),
});
export type WorkCalendar = z.infer<typeof zWorkCalendar>;

export const zCalendarWeekdaysPut = z
  .strictObject({ nonWorkingWeekdays: z.array(zWeekday).max(7) })
  .superRefine((b, ctx) => {
    if (new Set(b.nonWorkingWeekdays).size !== b.nonWorkingWeekdays.length) {
      ctx.addIssue({ code: 'custom', path: ['nonWorkingWeekdays'], message: '休息日重复' });
    } else if (b.nonWorkingWeekdays.length === 7) {
      ctx.addIssue({
        code: 'custom',
        path: ['nonWorkingWeekdays'],
        message: '一周至少要有一个工作日',
      });
    }
  });
export type CalendarWeekdaysPut = z.infer<typeof zCalendarWeekdaysPut>;

export const zCalendarDateBody = z.strictObject({ date: zDate });
export type CalendarDateBody = z.infer<typeof zCalendarDateBody>;

export const zCalendarDateParams = z.strictObject({ date: zDate });
export type CalendarDateParams = z.infer<typeof zCalendarDateParams>;
