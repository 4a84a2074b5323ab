import * as z from 'zod';
import { amountYuan, isAmountInRange, MAX_AMOUNT_TEXT } from '../money.js';
import { isQtyInRange, qty } from '../quantity.js';
import { zCode, zDate, zMoney, zPositiveQty, zQty, zTimestamp, zVersion } from './common.js';
import { PRICE_PATTERN, VAT_RATE_PATTERN, zVatRate } from './prices.js';
import { zStockStatus } from './stock.js';

/**
 * Purchase orders (采购订单): draft -> pending (approval running) -> open (approved: supply
 * for MRP, receivable) -> closed (every line closed); rejected goes back to draft on an edit;
 * cancelled from draft, pending, rejected, or open before anything was received. Released by
 * MRP or imported orders are open from the start.
 */
export const PURCHASE_ORDER_STATUSES = [
  'draft',
  'pending',
  'open',
  'rejected',
  'closed',
  'cancelled',
] as const;
export const zPurchaseOrderStatus = z.enum(PURCHASE_ORDER_STATUSES);
export type PurchaseOrderStatus = z.infer<typeof zPurchaseOrderStatus>;

/** A purchase unit price: at most 6 decimals (prices.ts). */
export const PURCHASE_PRICE_PATTERN = PRICE_PATTERN;
export const zPurchasePrice = z.string().regex(PURCHASE_PRICE_PATTERN, {
  message: `单价应为非负金额，最多六位小数（超过两位小数时小于 ¥1,000,000,000），最大 ${MAX_AMOUNT_TEXT}，如 "12.5"`,
});

export { zVatRate };

const zNote = z.string().max(200, { message: '备注最多 200 字' });

/** A line's amount including VAT when its fields are valid, else undefined. */
function lineAmountWithTax(l: { qty: unknown; unitPrice?: unknown; vatRate?: unknown }) {
  if (
    typeof l.qty !== 'string' ||
    typeof l.unitPrice !== 'string' ||
    !isQtyInRange(l.qty) ||
    !PURCHASE_PRICE_PATTERN.test(l.unitPrice)
  )
    return undefined;
  const rate = typeof l.vatRate === 'string' && VAT_RATE_PATTERN.test(l.vatRate) ? l.vatRate : '0';
  const excl = amountYuan(l.qty, l.unitPrice);
  return excl.plus(amountYuan(excl, rate));
}

/**
 * A purchase order line as entered. Without a unit price, the supplier's price list gives it
 * (effective on the order date, the quantity's break); without a VAT rate, the price list's
 * or 13%. The line's amount (including VAT) must be one the product can hold: refused at qty.
 */
export const zPurchaseOrderLineInput = z
  .strictObject({
    item: zCode,
    qty: zPositiveQty,
    unitPrice: zPurchasePrice.optional(),
    vatRate: zVatRate.optional(),
    dueDate: zDate,
    trackingNo: zCode.optional(),
    note: zNote.optional(),
  })
  .superRefine((l, ctx) => {
    const amount = lineAmountWithTax(l);
    if (amount && !isAmountInRange(amount)) {
      ctx.addIssue({
        code: 'custom',
        path: ['qty'],
        message: `金额（数量 × 单价，含税）超出上限 ${MAX_AMOUNT_TEXT}`,
      });
    }
  });
export type PurchaseOrderLineInput = z.infer<typeof zPurchaseOrderLineInput>;

const MAX_LINES = 200;
const zLines = z
  .array(zPurchaseOrderLineInput)
  .min(1, { message: '至少需要一行' })
  .max(MAX_LINES, { message: `最多 ${MAX_LINES} 行` })
  .superRefine((lines, ctx) => {
    let total = qty(0);
    for (const l of lines) {
      const amount = lineAmountWithTax(l);
      if (amount && !isAmountInRange(amount)) return; // reported at that line's qty
      total = total.plus(amount ?? 0);
    }
    if (!isAmountInRange(total)) {
      ctx.addIssue({ code: 'custom', message: `订单合计金额超出上限 ${MAX_AMOUNT_TEXT}` });
    }
  });

export const zPurchaseOrderCreate = z.strictObject({
  supplier: zCode,
  orderDate: zDate.optional(),
  remark: z.string().max(500, { message: '备注最多 500 字' }).optional(),
  lines: zLines,
});
export type PurchaseOrderCreate = z.infer<typeof zPurchaseOrderCreate>;

/**
 * Replaces the given fields; expectedVersion must match (else 409). Lines are matched by
 * position: on an open order, a line already received keeps its item and cannot go below what
 * was received, and closed lines stay as they are.
 */
export const zPurchaseOrderUpdate = z.strictObject({
  expectedVersion: zVersion,
  supplier: zCode.optional(),
  orderDate: zDate.optional(),
  remark: z.string().max(500, { message: '备注最多 500 字' }).nullable().optional(),
  lines: zLines.optional(),
});
export type PurchaseOrderUpdate = z.infer<typeof zPurchaseOrderUpdate>;

// ---- returns to the supplier (采购退货) -------------------------------------------------------

/** Lines of one return: each posts in one transaction with the order's update. */
export const MAX_RETURN_LINES = 30;

/**
 * One line of a return: a quantity of an order line given back out of what one of its
 * receipts (the receipt document's number, `RC…`) put into stock, from the warehouse, lot and
 * tracking number it went into; from the status it was received in unless `status` says where
 * it is now (e.g. `rejected` after inspection).
 */
export const zPurchaseReturnLineInput = z.strictObject({
  line: z.number().int().min(1).max(MAX_LINES),
  receipt: z
    .string()
    .trim()
    .min(1, { message: '请填写入库单号' })
    .max(64, { message: '入库单号最多 64 字' }),
  qty: zPositiveQty,
  status: zStockStatus.optional(),
});
export type PurchaseReturnLineInput = z.infer<typeof zPurchaseReturnLineInput>;

export const zPurchaseReturnCreate = z.strictObject({
  date: zDate,
  reason: z.string().trim().max(200, { message: '原因最多 200 字' }).optional(),
  lines: z
    .array(zPurchaseReturnLineInput)
    .min(1, { message: '至少需要一行' })
    .max(MAX_RETURN_LINES, { message: `最多 ${MAX_RETURN_LINES} 行，请拆分退货单` }),
});
export type PurchaseReturnCreate = z.infer<typeof zPurchaseReturnCreate>;

/** Where a returned quantity left from: one of the returned receipt's moves. */
export const zPurchaseReturnSource = z.object({
  warehouse: z.string(),
  status: zStockStatus,
  lot: z.string().optional(),
  trackingNo: z.string().optional(),
  qty: z.string(),
});

export const zPurchaseReturnLine = z.object({
  line: z.number().int().min(1),
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  receipt: z.string(),
  qty: z.string(),
  /** The returned receipt's unit cost (the line's price excluding VAT), when it had one. */
  unitCost: zMoney.optional(),
  /** qty × unit cost, half up to the fen: the value taken out (a negative receipt). */
  amount: zMoney.optional(),
  from: z.array(zPurchaseReturnSource),
});
export type PurchaseReturnLine = z.infer<typeof zPurchaseReturnLine>;

export const zPurchaseReturn = z.object({
  /** The stock document posted for it (a receipt with negative quantities, `PR…`). */
  no: z.string(),
  purchaseOrder: z.string(),
  supplier: z.string(),
  date: zDate,
  reason: z.string().optional(),
  lines: z.array(zPurchaseReturnLine),
  /** Sum of the lines' amounts (excluding VAT). */
  amount: zMoney,
  postedAt: zTimestamp,
  postedBy: z.string(),
});
export type PurchaseReturn = z.infer<typeof zPurchaseReturn>;

export const zPurchaseOrderLine = z.object({
  line: z.number().int().min(1),
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  qty: z.string(),
  /** Received so far by purchase receipts; qty − received is in transit (MRP supply). */
  received: z.string(),
  /** Absent on imported and older released orders, which carry no prices. */
  unitPrice: z.string().optional(),
  /** Where the price came from: the supplier's price list, or typed in. */
  priceSource: z.enum(['priceList', 'manual']).optional(),
  vatRate: z.string().optional(),
  amount: zMoney.optional(),
  tax: zMoney.optional(),
  amountWithTax: zMoney.optional(),
  dueDate: zDate,
  trackingNo: z.string().optional(),
  note: z.string().optional(),
  /** A closed line takes no more receipts and is no longer supply for MRP. */
  closed: z.boolean().optional(),
  closedAt: zTimestamp.optional(),
});
export type PurchaseOrderLine = z.infer<typeof zPurchaseOrderLine>;

export const zPurchaseOrder = z.object({
  no: z.string(),
  /** 'entry': entered here; 'mrp': released by MRP; 'import': from a factory data file. */
  origin: z.enum(['entry', 'mrp', 'import']),
  supplier: z.string(),
  supplierName: z.string().optional(),
  orderDate: zDate.optional(),
  status: zPurchaseOrderStatus,
  remark: z.string().optional(),
  lines: z.array(zPurchaseOrderLine),
  /** Sum of the lines' amounts excluding VAT. */
  total: zMoney,
  tax: zMoney,
  totalWithTax: zMoney,
  approvalId: z.string().optional(),
  /** The approved purchase request (采购申请) the order was made from (下推). */
  request: z.string().optional(),
  version: zVersion,
  createdAt: zTimestamp.optional(),
  createdBy: z.string().optional(),
  updatedAt: zTimestamp.optional(),
  updatedBy: z.string().optional(),
  submittedAt: zTimestamp.optional(),
  decidedAt: zTimestamp.optional(),
  cancelledAt: zTimestamp.optional(),
  cancelReason: z.string().optional(),
  /** Returns to the supplier (采购退货) posted against the order's receipts, oldest first. */
  returns: z.array(zPurchaseReturn).optional(),
});
export type PurchaseOrder = z.infer<typeof zPurchaseOrder>;

export const zPurchaseOrderParams = z.strictObject({ no: zCode });
export const zPurchaseOrderLineParams = z.strictObject({
  no: zCode,
  line: z.coerce.number().int().min(1).max(MAX_LINES),
});

export const zPurchaseOrderListQuery = z.strictObject({
  status: zPurchaseOrderStatus.optional(),
  supplier: zCode.optional(),
  /** Search: part of the order number, supplier code or name, or the remark. */
  q: z.string().trim().max(100).optional(),
  /** Orders with a line of this item. */
  item: zCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type PurchaseOrderListQuery = z.infer<typeof zPurchaseOrderListQuery>;

export const zPurchaseOrderSubmit = z.strictObject({ expectedVersion: zVersion.optional() });
export type PurchaseOrderSubmit = z.infer<typeof zPurchaseOrderSubmit>;

export const zPurchaseOrderCancel = z.strictObject({
  expectedVersion: zVersion.optional(),
  reason: z.string().trim().max(200, { message: '原因最多 200 字' }).optional(),
});
export type PurchaseOrderCancel = z.infer<typeof zPurchaseOrderCancel>;

export const zPurchaseOrderLineClose = z.strictObject({
  expectedVersion: zVersion.optional(),
  reason: z.string().trim().max(200, { message: '原因最多 200 字' }).optional(),
});
export type PurchaseOrderLineClose = z.infer<typeof zPurchaseOrderLineClose>;

// ---- price lists (供应商价目表) -------------------------------------------------------------

export const zPriceListEntryCreate = z
  .strictObject({
    supplier: zCode,
    item: zCode,
    unitPrice: zPurchasePrice,
    /** The quantity break: the price applies to orders of at least this quantity. */
    minQty: zQty.default('0'),
    effectiveFrom: zDate,
    effectiveTo: zDate.optional(),
    vatRate: zVatRate.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.effectiveTo !== undefined && e.effectiveTo < e.effectiveFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: '失效日期不能早于生效日期',
      });
    }
  });
export type PriceListEntryCreate = z.infer<typeof zPriceListEntryCreate>;

export const zPriceListEntry = z.object({
  supplier: z.string(),
  item: z.string(),
  unitPrice: z.string(),
  minQty: z.string(),
  effectiveFrom: zDate,
  effectiveTo: zDate.optional(),
  vatRate: z.string().optional(),
  createdAt: zTimestamp.optional(),
  createdBy: z.string().optional(),
  updatedAt: zTimestamp.optional(),
  updatedBy: z.string().optional(),
});
export type PriceListEntry = z.infer<typeof zPriceListEntry>;

export const zPriceListQuery = z.strictObject({
  supplier: zCode.optional(),
  item: zCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type PriceListQuery = z.infer<typeof zPriceListQuery>;

/** One price list entry: its supplier, item, start date and quantity break. */
export const zPriceListEntryParams = z.strictObject({
  supplier: zCode,
  item: zCode,
  effectiveFrom: zDate,
  minQty: zQty,
});
export type PriceListEntryParams = z.infer<typeof zPriceListEntryParams>;

export const zPriceListEntryDeleted = z.object({
  supplier: z.string(),
  item: z.string(),
  effectiveFrom: z.string(),
  minQty: z.string(),
  deleted: z.literal(true),
});

/**
 * Changes an entry's price, end date or VAT rate (null clears the end date or the rate); its
 * start date and quantity break are its identity: to move them, delete and add. Orders already
 * priced keep their prices.
 */
export const zPriceListEntryUpdate = z
  .strictObject({
    unitPrice: zPurchasePrice.optional(),
    effectiveTo: zDate.nullable().optional(),
    vatRate: zVatRate.nullable().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: '请至少修改一项：单价、失效日期或税率' });
export type PriceListEntryUpdate = z.infer<typeof zPriceListEntryUpdate>;

// ---- the order for the supplier: a share page ------------------------------------------------

export const MAX_SHARE_DAYS = 30;

/** A read-only link to the order for its supplier, valid for `days` days (default 7). */
export const zPurchaseOrderShareCreate = z.strictObject({
  days: z
    .number()
    .int({ message: '有效天数应为整数' })
    .min(1, { message: '有效天数至少 1 天' })
    .max(MAX_SHARE_DAYS, { message: `有效天数最多 ${MAX_SHARE_DAYS} 天` })
    .default(7),
});
export type PurchaseOrderShareCreate = z.infer<typeof zPurchaseOrderShareCreate>;

export const zPurchaseOrderShare = z.object({
  purchaseOrder: z.string(),
  /** Root-relative: the page is served by the API's own origin, without login. */
  url: z.string(),
  expiresAt: zTimestamp,
});
export type PurchaseOrderShare = z.infer<typeof zPurchaseOrderShare>;

/** `<tenant, base64url>.<32 random bytes, base64url>`: unguessable; only its hash is stored. */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,100}\.[A-Za-z0-9_-]{43}$/;
export const zShareTokenParams = z.strictObject({
  token: z.string().regex(SHARE_TOKEN_PATTERN, { message: '链接无效' }),
});
