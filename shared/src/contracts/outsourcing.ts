import * as z from 'zod';
import { zCode, zDate, zMoney, zPositiveQty, zTimestamp, zVersion } from './common.js';
import { zLot, zStockDocument } from './stock.js';

/**
 * Outsourcing orders (委外订单, issue 14): a subcontractor makes `qty` of an outsourced item
 * from components we send into its warehouse (kind `subcontractor`, naming it as `partner`).
 * open -> completed (received in full) -> closed; open -> cancelled while nothing was sent or
 * received. Orders come from entry, MRP release and imports; their component needs are
 * copied from the BOM at the start date (release and import: on first read).
 */
export const OUTSOURCING_ORDER_STATUSES = ['open', 'completed', 'closed', 'cancelled'] as const;
export const zOutsourcingOrderStatus = z.enum(OUTSOURCING_ORDER_STATUSES);
export type OutsourcingOrderStatus = z.infer<typeof zOutsourcingOrderStatus>;

const zNote = z.string().trim().max(200, { message: '备注最多 200 字' });

/** One component need of an order, with where it stands. */
export const zOutsourcingComponent = z.object({
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  /** Per unit of the product, through every phantom level. */
  qtyPer: z.string(),
  lossRate: z.string(),
  /** qty × qtyPer × (1 + loss), rounded up to the component's precision. */
  required: z.string(),
  /** Sent to the subcontractor, net of material returns (counts as issued for MRP). */
  sent: z.string(),
  /** Consumed at the subcontractor by the order's receipts. */
  consumed: z.string(),
  /** Sent less consumed: still at the subcontractor for this need. */
  atSubcontractor: z.string(),
  /** Our warehouse the component is sent from (BOM line, item default or the order's). */
  warehouse: z.string(),
  trackingNo: z.string().optional(),
  phantomPath: z.array(z.string()).optional(),
});
export type OutsourcingComponent = z.infer<typeof zOutsourcingComponent>;

export const zOutsourcingOrder = z.object({
  no: z.string(),
  origin: z.enum(['entry', 'mrp', 'import']),
  subcontractor: z.string(),
  subcontractorName: z.string().optional(),
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  qty: z.string(),
  received: z.string(),
  orderDate: zDate.optional(),
  startDate: zDate,
  dueDate: zDate,
  trackingNo: z.string().optional(),
  status: zOutsourcingOrderStatus,
  /** The subcontractor's warehouse the order's materials went to (set by the first send). */
  subcontractorWarehouse: z.string().optional(),
  /** Issue warehouse for components whose BOM line and item name none. */
  warehouse: z.string().optional(),
  bomVersion: z.string().optional(),
  components: z.array(zOutsourcingComponent),
  /** Sent by supplementary sends of items the order has no need for (net of returns). */
  extras: z.array(z.object({ item: z.string(), warehouse: z.string(), sent: z.string() })),
  /** Stock documents of the order: sends, material returns, receipts, returns of product. */
  documents: z.array(
    z.object({
      no: z.string(),
      kind: z.enum(['send', 'materialReturn', 'receipt', 'productReturn']),
      date: zDate,
      qty: z.string().optional(),
      /** Receipts and returns of product: the processing price and the fee accrued (暂估). */
      unitPrice: z.string().optional(),
      fee: zMoney.optional(),
      /** A return of product: the receipt it came from. */
      receipt: z.string().optional(),
      /** A receipt: the settlement (委外结算) that settled its fee. */
      settlement: z.string().optional(),
    }),
  ),
  /** Processing fees accrued by the receipts, less returns of product (暂估). */
  accruedFee: zMoney.optional(),
  note: z.string().optional(),
  closeReason: z.string().optional(),
  version: z.number().int(),
  createdAt: zTimestamp.optional(),
  createdBy: z.string().optional(),
  updatedAt: zTimestamp.optional(),
  updatedBy: z.string().optional(),
});
export type OutsourcingOrder = z.infer<typeof zOutsourcingOrder>;

export const zOutsourcingOrderCreate = z
  .strictObject({
    /** A partner with the role `subcontractor`. */
    subcontractor: zCode,
    /** An item of source `outsourced`. */
    item: zCode,
    qty: zPositiveQty,
    /** Default: today (Shanghai). */
    orderDate: zDate.optional(),
    /** When the materials are sent; default: the order date. Needs come from the BOM then. */
    startDate: zDate.optional(),
    dueDate: zDate,
    trackingNo: zCode.optional(),
    warehouse: zCode.optional(),
    note: zNote.optional(),
  })
  .refine((r) => r.startDate === undefined || r.startDate <= r.dueDate, {
    message: '发料日期不能晚于交货日期',
    path: ['dueDate'],
  });
export type OutsourcingOrderCreate = z.infer<typeof zOutsourcingOrderCreate>;

/** A change while nothing was sent or received; null clears an optional field. */
export const zOutsourcingOrderUpdate = z
  .strictObject({
    expectedVersion: zVersion.optional(),
    subcontractor: zCode.optional(),
    qty: zPositiveQty.optional(),
    startDate: zDate.optional(),
    dueDate: zDate.optional(),
    trackingNo: zCode.nullable().optional(),
    warehouse: zCode.nullable().optional(),
    note: zNote.nullable().optional(),
  })
  .refine((r) => !r.startDate || !r.dueDate || r.startDate <= r.dueDate, {
    message: '发料日期不能晚于交货日期',
    path: ['dueDate'],
  });
export type OutsourcingOrderUpdate = z.infer<typeof zOutsourcingOrderUpdate>;

export const zOutsourcingOrderListQuery = z.strictObject({
  status: zOutsourcingOrderStatus.optional(),
  subcontractor: zCode.optional(),
  item: zCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type OutsourcingOrderListQuery = z.infer<typeof zOutsourcingOrderListQuery>;

export const zOutsourcingOrderParams = z.strictObject({ no: zCode });

export const zOutsourcingOrderClose = z.strictObject({
  expectedVersion: zVersion.optional(),
  reason: zNote.optional(),
});
export type OutsourcingOrderClose = z.infer<typeof zOutsourcingOrderClose>;

const MAX_SEND_LINES = 20;

/**
 * A send (委外发料): a transfer from our warehouses into the subcontractor's. `standard`: the
 * rest of every need, or with `lines` part of it (never beyond what remains); `kit`: `sets`
 * whole sets; `supplementary`: the named `lines` beyond the need (a `reason` is required).
 */
export const zOutsourcingSendCreate = z
  .strictObject({
    mode: z.enum(['standard', 'kit', 'supplementary']).default('standard'),
    /** Default: today (Shanghai). */
    date: zDate.optional(),
    /** A warehouse of kind `subcontractor` whose partner is the order's subcontractor. */
    toWarehouse: zCode.optional(),
    sets: zPositiveQty.optional(),
    lines: z
      .array(
        z.strictObject({
          item: zCode,
          qty: zPositiveQty,
          /** Our warehouse to send from (default: the need's). */
          warehouse: zCode.optional(),
        }),
      )
      .min(1)
      .max(MAX_SEND_LINES)
      .optional(),
    reason: zNote.optional(),
    note: zNote.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.mode === 'kit' && r.sets === undefined)
      ctx.addIssue({ code: 'custom', path: ['sets'], message: '配套发料请填写套数' });
    if (r.mode !== 'kit' && r.sets !== undefined)
      ctx.addIssue({ code: 'custom', path: ['sets'], message: '只有配套发料有套数' });
    if (r.mode === 'kit' && r.lines !== undefined)
      ctx.addIssue({ code: 'custom', path: ['lines'], message: '配套发料不能指定明细行' });
    if (r.mode === 'supplementary' && r.lines === undefined)
      ctx.addIssue({ code: 'custom', path: ['lines'], message: '补料请填写物料和数量' });
    if (r.mode === 'supplementary' && !r.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '补料请填写原因' });
  });
export type OutsourcingSendCreate = z.infer<typeof zOutsourcingSendCreate>;

/** Materials back from the subcontractor (委外退料): a transfer back into our warehouses. */
export const zOutsourcingMaterialReturnCreate = z.strictObject({
  date: zDate.optional(),
  lines: z
    .array(
      z.strictObject({
        item: zCode,
        qty: zPositiveQty,
        /** Our warehouse it goes back to (default: the need's). */
        warehouse: zCode.optional(),
      }),
    )
    .min(1)
    .max(MAX_SEND_LINES),
  note: zNote.optional(),
});
export type OutsourcingMaterialReturnCreate = z.infer<typeof zOutsourcingMaterialReturnCreate>;

/** What a send or a material return answers: its document and the order after it. */
export const zOutsourcingTransfer = z.object({
  document: zStockDocument,
  outsourcingOrder: zOutsourcingOrder,
});
export type OutsourcingTransfer = z.infer<typeof zOutsourcingTransfer>;

/** A receipt from the subcontractor (委外入库). */
export const zOutsourcingReceiptCreate = z.strictObject({
  outsourcingOrder: zCode,
  qty: zPositiveQty,
  date: zDate,
  /** Default: the item's default warehouse. */
  warehouse: zCode.optional(),
  lot: zLot.optional(),
  /** Beyond the order quantity (supervisor, manager or admin). */
  allowOverReceipt: z.boolean().optional(),
  note: zNote.optional(),
});
export type OutsourcingReceiptCreate = z.infer<typeof zOutsourcingReceiptCreate>;

export const zOutsourcingReceipt = z.object({
  document: zStockDocument,
  /** What the receipt consumed at the subcontractor's warehouse (cumulative, like backflush). */
  consumed: z.array(
    z.object({
      item: z.string(),
      warehouse: z.string(),
      qty: z.string(),
      trackingNo: z.string().optional(),
    }),
  ),
  /**
   * The processing fee accrued (暂估): the quantity received × the order's processing price
   * (the price policy's break of the order quantity in force on the order date), to the fen.
   */
  fee: z.object({ qty: z.string(), unitPrice: z.string(), amount: zMoney }),
  outsourcingOrder: zOutsourcingOrder,
});
export type OutsourcingReceipt = z.infer<typeof zOutsourcingReceipt>;

// ---- settlement (委外结算) and the statement of fees ---------------------------------------

/** An invoiced amount in yuan: at most 2 decimals, not negative, at most the largest amount. */
const zInvoicedAmount = z.string().regex(/^(0|[1-9]\d{0,10})(\.\d{1,2})?$/, {
  message: '金额应为不超过两位小数的非负数，如 "1250.50"',
});

const MAX_SETTLEMENT_LINES = 50;

/**
 * The subcontractor's invoice (委外结算) in the period of `date` (when the invoice arrived):
 * either per order (`orders`: the amount invoiced for every receipt of the order not settled
 * yet and dated up to `date`, DOMAIN.md) or per receipt (`lines`: each receipt once, with the
 * amount invoiced for it). One of the two.
 */
export const zOutsourcingSettlementCreate = z
  .strictObject({
    subcontractor: zCode,
    invoiceNo: z.string().trim().min(1, { message: '请填写发票号' }).max(64),
    date: zDate,
    orders: z
      .array(z.strictObject({ order: zCode, amount: zInvoicedAmount }))
      .min(1, { message: '至少需要一个订单' })
      .max(MAX_SETTLEMENT_LINES, { message: `最多 ${MAX_SETTLEMENT_LINES} 个订单，请分开结算` })
      .superRefine((orders, ctx) => {
        const seen = new Set<string>();
        orders.forEach((o, i) => {
          if (seen.has(o.order)) {
            ctx.addIssue({ code: 'custom', path: [i, 'order'], message: '同一订单重复结算' });
          }
          seen.add(o.order);
        });
      })
      .optional(),
    lines: z
      .array(z.strictObject({ receipt: z.string().trim().min(1).max(64), amount: zInvoicedAmount }))
      .min(1, { message: '至少需要一行' })
      .max(MAX_SETTLEMENT_LINES, { message: `最多 ${MAX_SETTLEMENT_LINES} 行，请分开结算` })
      .superRefine((lines, ctx) => {
        const seen = new Set<string>();
        lines.forEach((l, i) => {
          if (seen.has(l.receipt)) {
            ctx.addIssue({ code: 'custom', path: [i, 'receipt'], message: '同一入库单重复结算' });
          }
          seen.add(l.receipt);
        });
      })
      .optional(),
    note: z.string().max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.orders === undefined) === (v.lines === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.orders === undefined ? 'orders' : 'lines'],
        message: '按订单（orders）或按入库单（lines）结算，二者选一',
      });
    }
  });
export type OutsourcingSettlementCreate = z.infer<typeof zOutsourcingSettlementCreate>;

export const zOutsourcingSettlementLine = z.object({
  receipt: z.string(),
  order: z.string(),
  item: z.string(),
  qty: z.string(),
  /** The fee the receipt accrued (暂估), less returns of its product. */
  accrued: zMoney,
  invoiced: zMoney,
  /** invoiced - accrued: the item's cost adjustment in the settlement's period. */
  adjustment: zMoney,
});

export const zOutsourcingSettlement = z.object({
  no: z.string(),
  subcontractor: z.string(),
  subcontractorName: z.string().optional(),
  invoiceNo: z.string(),
  date: zDate,
  /** YYYY-MM of `date`: the period the adjustment belongs to. */
  period: z.string(),
  lines: z.array(zOutsourcingSettlementLine),
  accrued: zMoney,
  invoiced: zMoney,
  adjustment: zMoney,
  /** The value-only receipt (成本调整) of the adjustments, when any is not zero. */
  adjustmentDocument: z.string().optional(),
  note: z.string().optional(),
  createdAt: zTimestamp,
  createdBy: z.string(),
});
export type OutsourcingSettlement = z.infer<typeof zOutsourcingSettlement>;

export const zOutsourcingSettlementParams = z.strictObject({ no: z.string().min(1).max(64) });

const zMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' });

export const zOutsourcingSettlementListQuery = z.strictObject({
  subcontractor: zCode.optional(),
  month: zMonth.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type OutsourcingSettlementListQuery = z.infer<typeof zOutsourcingSettlementListQuery>;

export const zOutsourcingStatementQuery = z.strictObject({ subcontractor: zCode, month: zMonth });
export type OutsourcingStatementQuery = z.infer<typeof zOutsourcingStatementQuery>;

/** Fees of a subcontractor in a month: accrued by receipts, settled by invoices, still open. */
export const zOutsourcingStatement = z.object({
  subcontractor: z.string(),
  subcontractorName: z.string().optional(),
  month: z.string(),
  /** Accrued by receipts dated in the month, less returns of product dated in it. */
  accrued: zMoney,
  /** Invoiced by settlements dated in the month, the accrued fees they settled, the difference. */
  invoiced: zMoney,
  settledAccrued: zMoney,
  adjustment: zMoney,
  /** Accrued up to the month's end and not settled by then. */
  openAtEnd: zMoney,
  receipts: z.array(
    z.object({
      receipt: z.string(),
      order: z.string(),
      item: z.string(),
      date: zDate,
      qty: z.string(),
      accrued: zMoney,
      settlement: z.string().optional(),
    }),
  ),
});
export type OutsourcingStatement = z.infer<typeof zOutsourcingStatement>;
