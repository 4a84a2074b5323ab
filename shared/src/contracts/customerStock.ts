import * as z from 'zod';
import { zCode, zDate, zDecimal } from './common.js';

/** The per-customer report of customer-supplied material (客供料台账). */
export const zCustomerStockQuery = z.strictObject({
  /** One customer; absent: every customer holding or owed material. */
  customer: zCode.optional(),
});
export type CustomerStockQuery = z.infer<typeof zCustomerStockQuery>;

/**
 * One customer's item: what was received from the customer, issued to task orders (net of
 * returns from them), returned to the customer, changed otherwise (counts, scrap), and what is
 * on hand in customer-supplied warehouses; `requested` is what the latest plan asks the customer
 * to supply (its `customerSupply` planned orders).
 */
export const zCustomerStockLine = z.object({
  customer: zCode,
  customerName: z.string(),
  item: zCode,
  name: z.string(),
  unit: z.string(),
  received: zDecimal,
  issued: zDecimal,
  returned: zDecimal,
  adjusted: zDecimal,
  onHand: zDecimal,
  requested: zDecimal,
});
export type CustomerStockLine = z.infer<typeof zCustomerStockLine>;

/** A `customerSupply` planned order of the latest plan: what to ask the customer for, by when. */
export const zCustomerSupplyRequest = z.object({
  customer: zCode,
  item: zCode,
  qty: zDecimal,
  dueDate: zDate,
  trackingNo: z.string().nullable(),
  late: z.boolean(),
});

export const zCustomerStock = z.object({
  runId: z.string().nullable(),
  lines: z.array(zCustomerStockLine),
  requests: z.array(zCustomerSupplyRequest),
});
export type CustomerStock = z.infer<typeof zCustomerStock>;
