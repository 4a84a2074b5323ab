import * as z from 'zod';
import { amountYuan, isAmountInRange, MAX_AMOUNT_TEXT } from '../money.js';
import { isQtyInRange, qty } from '../quantity.js';
import { zCode, zDate, zPositiveQty, zVersion } from './common.js';
import { PRICE_PATTERN, VAT_RATE_PATTERN, zVatRate } from './prices.js';
import { zSalesOrderStatus } from './salesOrder.js';

/** What requests about sales orders send (the document itself: salesOrder.ts). */

/**
 * A sales unit price in CNY excluding VAT: like a purchase price, a decimal string with at most
 * 6 places (prices of small parts are quoted below the fen), at most the largest amount.
 */
export const UNIT_PRICE_PATTERN = PRICE_PATTERN;
export const zUnitPrice = z.string().regex(UNIT_PRICE_PATTERN, {
  message: `单价应为非负金额，最多六位小数（超过两位小数时小于 ¥1,000,000,000），最大 ${MAX_AMOUNT_TEXT}，如 "12.50"`,
});

/**
 * A line's amount including VAT (qty × unit price, plus VAT at the line's rate, 13% when it
 * names none) when its fields are valid, else undefined.
 */
function lineAmountOf(l: { qty: unknown; unitPrice: unknown; vatRate?: unknown }) {
  if (
    typeof l.qty !== 'string' ||
    typeof l.unitPrice !== 'string' ||
    !isQtyInRange(l.qty) ||
    !UNIT_PRICE_PATTERN.test(l.unitPrice)
  )
    return undefined;
  const rate =
    typeof l.vatRate === 'string' && VAT_RATE_PATTERN.test(l.vatRate) ? l.vatRate : '0.13';
  const excl = amountYuan(l.qty, l.unitPrice);
  return excl.plus(amountYuan(excl, rate));
}

/**
 * A sales order line as entered. The VAT rate defaults to 13%. The amount the line comes to
 * (including VAT) must be one the product can hold: refused at its quantity. A due date before
 * the business day is refused by the order rules (they know the day; the contract does not).
 */
export const zSalesOrderLineInput = z
  .strictObject({
    item: zCode,
    qty: zPositiveQty,
    unitPrice: zUnitPrice,
    vatRate: zVatRate.optional(),
    dueDate: zDate,
    /**
     * The date promised to the customer (the page sends the promise date it showed); absent,
     * the promise date is computed when the order is submitted.
     */
    promisedDate: zDate.optional(),
    /** Where the promised date came from, when it is the promise date shown (kept with it). */
    promiseSource: z.enum(['stock', 'supply', 'ctp']).optional(),
    /** MTO items default to the order number. */
    trackingNo: zCode.optional(),
    note: z.string().max(200, { message: '备注最多 200 字' }).optional(),
  })
  .superRefine((l, ctx) => {
    const amount = lineAmountOf(l);
    if (amount && !isAmountInRange(amount)) {
      ctx.addIssue({
        code: 'custom',
        path: ['qty'],
        message: `金额（数量 × 单价）超出上限 ${MAX_AMOUNT_TEXT}`,
      });
    }
  });
export type SalesOrderLineInput = z.infer<typeof zSalesOrderLineInput>;

const MAX_LINES = 200;
/** The order's total, like each line's amount, stays within the largest amount. */
const zLines = z
  .array(zSalesOrderLineInput)
  .min(1, { message: '至少需要一行' })
  .max(MAX_LINES, { message: `最多 ${MAX_LINES} 行` })
  .superRefine((lines, ctx) => {
    let total = qty(0);
    for (const l of lines) {
      const amount = lineAmountOf(l);
      if (amount && !isAmountInRange(amount)) return; // that line is reported at its qty
      total = total.plus(amount ?? 0);
    }
    if (!isAmountInRange(total)) {
      ctx.addIssue({ code: 'custom', message: `订单合计金额超出上限 ${MAX_AMOUNT_TEXT}` });
    }
  });

export const zSalesOrderCreate = z.strictObject({
  customer: zCode,
  orderDate: zDate.optional(),
  remark: z.string().max(500, { message: '备注最多 500 字' }).optional(),
  lines: zLines,
});
export type SalesOrderCreate = z.infer<typeof zSalesOrderCreate>;

/** Replaces the given fields of a draft; expectedVersion must match (else 409). */
export const zSalesOrderUpdate = z.strictObject({
  expectedVersion: zVersion,
  customer: zCode.optional(),
  orderDate: zDate.optional(),
  remark: z.string().max(500, { message: '备注最多 500 字' }).nullable().optional(),
  lines: zLines.optional(),
});
export type SalesOrderUpdate = z.infer<typeof zSalesOrderUpdate>;

export const zSalesOrderParams = z.strictObject({ no: zCode });

export const zSalesOrderListQuery = z.strictObject({
  status: zSalesOrderStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type SalesOrderListQuery = z.infer<typeof zSalesOrderListQuery>;

export const zSalesOrderSubmit = z.strictObject({ expectedVersion: zVersion.optional() });
export type SalesOrderSubmit = z.infer<typeof zSalesOrderSubmit>;

export const zSalesOrderCancel = z.strictObject({
  expectedVersion: zVersion.optional(),
  reason: z.string().trim().max(200, { message: '原因最多 200 字' }).optional(),
});
export type SalesOrderCancel = z.infer<typeof zSalesOrderCancel>;

/** Closing a confirmed order by hand (手工关闭): the reason is required. */
export const zSalesOrderClose = z.strictObject({
  expectedVersion: zVersion.optional(),
  reason: z
    .string({ message: '请填写关闭原因' })
    .trim()
    .min(1, { message: '请填写关闭原因' })
    .max(200, { message: '原因最多 200 字' }),
});
export type SalesOrderClose = z.infer<typeof zSalesOrderClose>;
