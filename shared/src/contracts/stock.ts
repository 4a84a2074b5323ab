import * as z from 'zod';
import { isAmountInRange, MAX_AMOUNT_TEXT } from '../money.js';
import { isQtyInRange, qty } from '../quantity.js';
import {
  isMoneyScale,
  zCode,
  zDate,
  zDecimal,
  zMoney,
  zPositiveQty,
  zQty,
  zTimestamp,
  zUnitCost,
} from './common.js';

export const STOCK_STATUSES = ['available', 'inspection', 'rejected'] as const;
export const zStockStatus = z.enum(STOCK_STATUSES);
export type StockStatus = z.infer<typeof zStockStatus>;

export const STOCK_DOCUMENT_KINDS = ['receipt', 'issue', 'transfer', 'adjustment'] as const;
export const zStockDocumentKind = z.enum(STOCK_DOCUMENT_KINDS);
export type StockDocumentKind = z.infer<typeof zStockDocumentKind>;

export const zLot = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9._/-]*$/, { message: '批号只能包含字母、数字和 . _ / -' });

/**
 * Where a balance lives: item x warehouse x status x lot x tracking number, and in a
 * customer-supplied warehouse its owner (`customer`; default: the item's customer).
 */
const location = {
  item: zCode,
  warehouse: zCode,
  status: zStockStatus.optional(),
  lot: zLot.optional(),
  trackingNo: zCode.optional(),
  customer: zCode.optional(),
};

const header = {
  date: zDate,
  ref: z.string().max(64).optional(),
  partner: zCode.optional(),
  note: z.string().max(500).optional(),
};

const MAX_LINES = 1000;

export const RECEIPT_REASONS = [
  'purchase',
  'production',
  'outsourcing',
  'customerSupplied',
  'return',
  'opening',
  'other',
] as const;
export const zReceiptRequest = z.strictObject({
  ...header,
  reason: z.enum(RECEIPT_REASONS),
  lines: z
    .array(
      z
        .strictObject({ ...location, qty: zPositiveQty, unitCost: zUnitCost.optional() })
        .superRefine((l, ctx) => {
          // A line's value (qty × unit cost) is an amount too: refused at its quantity.
          const c = l.unitCost;
          if (!c || typeof l.qty !== 'string' || !isQtyInRange(l.qty)) return;
          if (!Number.isSafeInteger(c.amount) || !isMoneyScale(c.scale)) return;
          const value = qty(l.qty).times(c.amount).div(qty(10).pow(c.scale));
          if (!isAmountInRange(value.abs())) {
            ctx.addIssue({
              code: 'custom',
              path: ['qty'],
              message: `金额（数量 × 单价）超出上限 ${MAX_AMOUNT_TEXT}`,
            });
          }
        }),
    )
    .min(1)
    .max(MAX_LINES),
});
export type ReceiptRequest = z.infer<typeof zReceiptRequest>;

export const ISSUE_REASONS = [
  'production',
  'sales',
  'outsourcing',
  'scrap',
  'return',
  /** Customer-supplied material given back to its owner (退还客户). */
  'returnToCustomer',
  'other',
] as const;
export const zIssueRequest = z.strictObject({
  ...header,
  reason: z.enum(ISSUE_REASONS),
  lines: z
    .array(z.strictObject({ ...location, qty: zPositiveQty }))
    .min(1)
    .max(MAX_LINES),
});
export type IssueRequest = z.infer<typeof zIssueRequest>;

export const zTransferRequest = z.strictObject({
  ...header,
  lines: z
    .array(
      z.strictObject({
        item: zCode,
        fromWarehouse: zCode,
        toWarehouse: zCode,
        status: zStockStatus.optional(),
        /** A status change (inspection -> available) is a transfer in place. */
        toStatus: zStockStatus.optional(),
        lot: zLot.optional(),
        trackingNo: zCode.optional(),
        /** The owner of customer-supplied stock moved between customer-supplied warehouses. */
        customer: zCode.optional(),
        qty: zPositiveQty,
      }),
    )
    .min(1)
    .max(MAX_LINES),
});
export type TransferRequest = z.infer<typeof zTransferRequest>;

export const zAdjustmentRequest = z.strictObject({
  ...header,
  lines: z
    .array(z.strictObject({ ...location, countedQty: zQty }))
    .min(1)
    .max(MAX_LINES),
});
export type AdjustmentRequest = z.infer<typeof zAdjustmentRequest>;

/** The identity of a balance as stored: lot and tracking number are '' when there is none. */
const balanceIdentity = {
  item: zCode,
  warehouse: zCode,
  status: zStockStatus,
  lot: z.string(),
  trackingNo: z.string(),
  /** The owner of stock in a customer-supplied warehouse (absent: our own stock). */
  customer: z.string().optional(),
};

/** One ledger move: a signed change of one balance. */
export const zMove = z.object({
  ...balanceIdentity,
  qty: zDecimal,
  docNo: z.string(),
  docKind: zStockDocumentKind,
  lineNo: z.number().int(),
  date: zDate,
  postedAt: zTimestamp,
  reversal: z.boolean().optional(),
  /**
   * The task order a production issue, backflush, return or production receipt line was
   * posted for (a merged pick's lines name each order): direct material per order.
   */
  taskOrder: z.string().optional(),
  /**
   * An issue (or its return) of an allowed substitute in place of a short component: the
   * component this item was issued for ("issued as substitute X for component Y").
   */
  substituteFor: z.string().optional(),
  /** The document's reason, kept on moves of customer-supplied stock (the per-customer report). */
  reason: z.string().optional(),
});
export type Move = z.infer<typeof zMove>;

export const zStockDocument = z.object({
  no: z.string(),
  kind: zStockDocumentKind,
  date: zDate,
  reason: z.string().optional(),
  partner: z.string().optional(),
  ref: z.string().optional(),
  note: z.string().optional(),
  status: z.enum(['posting', 'posted', 'failed']),
  moves: z.array(
    zMove.omit({ docNo: true, docKind: true, date: true, postedAt: true }).extend({
      unitCost: zMoney.optional(),
      /** A value-only line (qty 0): the signed value it adds (成本调整). */
      value: zMoney.optional(),
    }),
  ),
  postedAt: zTimestamp,
  postedBy: z.string(),
});
export type StockDocument = z.infer<typeof zStockDocument>;

export const zBalance = z.object({
  ...balanceIdentity,
  qty: zDecimal,
  updatedAt: zTimestamp,
});
export type Balance = z.infer<typeof zBalance>;

export const zBalanceQuery = z
  .strictObject({
    item: zCode.optional(),
    warehouse: zCode.optional(),
    status: zStockStatus.optional(),
    includeZero: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
    cursor: z.string().max(2000).optional(),
  })
  .refine((q) => q.item !== undefined || q.warehouse !== undefined, {
    message: '请指定物料或仓库',
    path: ['item'],
  });
export type BalanceQuery = z.infer<typeof zBalanceQuery>;

export const zMoveQuery = z.strictObject({
  item: zCode,
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().max(2000).optional(),
});
export type MoveQuery = z.infer<typeof zMoveQuery>;

export const zDocumentParams = z.strictObject({ no: z.string().min(1).max(64) });
