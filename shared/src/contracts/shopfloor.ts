import * as z from 'zod';
import {
  zCode,
  zDate,
  zDecimal,
  zDocumentLabels,
  zPositiveQty,
  zQty,
  zTimestamp,
} from './common.js';
import { zLot, zStockDocument } from './stock.js';

/**
 * Shop floor and warehouse documents against orders (issue 6): purchase receipts against
 * purchase orders, production receipts against task orders (with backflush), work reports.
 */

const zNote = z.string().max(500).optional();

export const zPurchaseReceiptRequest = z.strictObject({
  purchaseOrder: zCode,
  date: zDate,
  note: zNote,
  /** Receive more than ordered on a line (refused with 409 receipt.overReceipt otherwise). */
  allowOverReceipt: z.boolean().optional(),
  lines: z
    .array(
      z.strictObject({
        /** The purchase order line, 1-based. */
        line: z.number().int().min(1),
        qty: zPositiveQty,
        /** Default: the item's default warehouse. */
        warehouse: zCode.optional(),
        lot: zLot.optional(),
      }),
    )
    .min(1)
    .max(300),
});
export type PurchaseReceiptRequest = z.infer<typeof zPurchaseReceiptRequest>;

export const zOrderLineProgress = z.object({
  line: z.number().int(),
  item: z.string(),
  qty: zDecimal,
  received: zDecimal,
});

export const zPurchaseReceipt = z.object({
  document: zStockDocument,
  purchaseOrder: z.object({
    no: z.string(),
    status: z.string(),
    lines: z.array(zOrderLineProgress),
  }),
});
export type PurchaseReceipt = z.infer<typeof zPurchaseReceipt>;

export const zProductionReceiptRequest = z.strictObject({
  taskOrder: zCode,
  date: zDate,
  qty: zPositiveQty,
  /** Default: the task order's warehouse, else the item's default warehouse. */
  warehouse: zCode.optional(),
  lot: zLot.optional(),
  note: zNote,
  /** Receive beyond the order quantity (supervisor, manager or admin only). */
  allowOverReceipt: z.boolean().optional(),
  /**
   * Receive beyond the good quantity reported (409 receipt.aboveReported otherwise):
   * supervisor, manager or admin only, as for a report beyond the order quantity.
   */
  allowAboveReported: z.boolean().optional(),
});
export type ProductionReceiptRequest = z.infer<typeof zProductionReceiptRequest>;

export const zBackflushLine = z.object({
  item: z.string(),
  warehouse: z.string(),
  qty: zDecimal,
  /** The tracking number an MTO component of a tracked order was taken from. */
  trackingNo: z.string().optional(),
});
export type BackflushLine = z.infer<typeof zBackflushLine>;

export const zTaskOrderProgress = z.object({
  no: z.string(),
  item: z.string(),
  qty: zDecimal,
  received: zDecimal,
  reportedGood: zDecimal,
  reportedScrap: zDecimal,
  status: z.string(),
  issued: z.array(z.object({ item: z.string(), qty: zDecimal })),
});
export type TaskOrderProgress = z.infer<typeof zTaskOrderProgress>;

export const zProductionReceipt = z.object({
  document: zStockDocument,
  backflush: z.array(zBackflushLine),
  taskOrder: zTaskOrderProgress,
});
export type ProductionReceipt = z.infer<typeof zProductionReceipt>;

export const zWorkReportRequest = z
  .strictObject({
    taskOrder: zCode,
    date: zDate,
    good: zQty,
    scrap: zQty.default('0'),
    hours: zQty.default('0'),
    /** WeCom userid of who did the work; default: the reporting user. */
    worker: zCode.optional(),
    operation: z.string().max(64).optional(),
    note: zNote,
    /** Report beyond the order quantity: supervisors (and managers, admins) only. */
    allowOverrun: z.boolean().optional(),
  })
  .refine((r) => [r.good, r.scrap, r.hours].some((v) => !/^0(\.0*)?$/.test(v)), {
    message: '良品、报废和工时不能都为 0',
    path: ['good'],
  });
export type WorkReportRequest = z.infer<typeof zWorkReportRequest>;

export const zWorkReport = z.object({
  no: z.string(),
  taskOrder: z.string(),
  date: zDate,
  good: zDecimal,
  scrap: zDecimal,
  hours: zDecimal,
  worker: z.string(),
  operation: z.string().optional(),
  note: z.string().optional(),
  overrun: z.boolean().optional(),
  /** A reversing entry: the report it reverses (its quantities are negated). */
  reverses: z.string().optional(),
  /** Set on a listed report that a later entry reversed. */
  reversedBy: z.string().optional(),
  createdAt: zTimestamp,
  createdBy: z.string(),
});
export type WorkReport = z.infer<typeof zWorkReport>;

export const zWorkReportResult = z.object({
  report: zWorkReport,
  taskOrder: zTaskOrderProgress,
  /** The order completed with this report; supervisors were notified (or the failure logged). */
  completed: z.boolean(),
});
export type WorkReportResult = z.infer<typeof zWorkReportResult>;

export const zWorkReportParams = z.strictObject({ no: z.string().min(1).max(64) });
export const zWorkReportReverse = z.strictObject({
  reason: z.string().trim().min(1).max(200),
});
export type WorkReportReverse = z.infer<typeof zWorkReportReverse>;

export const zWorkReportListQuery = z.strictObject({ taskOrder: zCode });
export const zWorkReportList = z.object({
  taskOrder: zTaskOrderProgress,
  /**
   * Each component: required for the whole order, issued so far, still to issue (never
   * below zero). An imported order's needs are computed on this first read, as for picking.
   */
  needs: z
    .array(z.object({ item: z.string(), required: zDecimal, issued: zDecimal, open: zDecimal }))
    .optional(),
  labels: zDocumentLabels.optional(),
  reports: z.array(zWorkReport),
  /**
   * Completion notices to the supervisors: queued (in the outbox, waiting for delivery), sent,
   * failed (with the error, once the outbox gave up) or skipped.
   */
  notices: z.array(
    z.object({
      report: z.string(),
      status: z.enum(['queued', 'sent', 'failed', 'skipped']),
      at: zTimestamp,
      recipients: z.array(z.string()).optional(),
      error: z.string().optional(),
    }),
  ),
});
export type WorkReportList = z.infer<typeof zWorkReportList>;
