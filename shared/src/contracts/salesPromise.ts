import * as z from 'zod';
import { zCode, zDate, zPositiveQty } from './common.js';

/**
 * Promise date (交期承诺) of a sales order line as it is entered: the earliest day the quantity
 * can be available, from free stock, open supply, or by lead times through the BOM (CTP),
 * with how it was reached (docs/planning.md, "Promise date").
 */
export const PROMISE_SOURCES = ['stock', 'supply', 'ctp'] as const;
export const zPromiseSource = z.enum(PROMISE_SOURCES);
export type PromiseSourceName = z.infer<typeof zPromiseSource>;

export const zSalesPromiseQuery = z.strictObject({
  item: zCode,
  qty: zPositiveQty,
  /** An MTO line's tracking number (absent on a new order: it has no stock or supply yet). */
  trackingNo: zCode.optional(),
});
export type SalesPromiseQuery = z.infer<typeof zSalesPromiseQuery>;

export const zSalesPromiseStep = z.object({
  item: z.string(),
  qty: z.string(),
  /** stock / supply: free stock or open supply; make / buy: lead time; phantom: passed on. */
  how: z.enum(['stock', 'supply', 'make', 'buy', 'phantom']),
  date: zDate,
  leadTimeDays: z.number().int().optional(),
  /** The orders whose receipts make the quantity free by the date. */
  refs: z.array(z.string()).optional(),
});

export const zSalesPromise = z.object({
  item: z.string(),
  qty: z.string(),
  /** The earliest day the quantity can be available. */
  date: zDate,
  source: zPromiseSource,
  /** The day the answer was computed for (today, Shanghai). */
  runDate: zDate,
  /** How the date was reached: the line's item first, then the limiting path down the BOM. */
  path: z.array(zSalesPromiseStep),
});
export type SalesPromise = z.infer<typeof zSalesPromise>;
