import * as z from 'zod';
import { zDate } from './common.js';
import { zSalesOrderStatus } from './salesOrder.js';
import { zTaskOrderState } from './taskOrder.js';

/**
 * The rep's view of where a sales order stands (订单进度): per line, the stock kept for it, the
 * task orders and purchase orders that serve it with their progress and due dates, and what was
 * delivered. It is read by the sales roles, so it carries quantities and dates only: no cost,
 * price or amount of any task order or purchase order (nor of the sales line itself).
 */

/** A task order serving the line: its progress on the shop floor. */
export const zProgressTaskOrder = z.object({
  no: z.string(),
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  qty: z.string(),
  status: zTaskOrderState,
  startDate: zDate,
  /** Expected completion: the order's due date. */
  dueDate: zDate.optional(),
  /**
   * Materials issued, in percent (0-100, whole): the least-issued component's issued / required.
   * 100 when the order needs no issued material; absent when its needs are not yet known.
   */
  issuedPercent: z.number().int().min(0).max(100).optional(),
  /** Good quantity reported by work reports (报工). */
  reported: z.string(),
  scrap: z.string(),
  /** Received into stock by production receipts (完工入库). */
  received: z.string(),
  /** Why it is shown: it carries the line's tracking number, or it was made from the line. */
  servesBy: z.enum(['tracking', 'salesOrder']),
});
export type ProgressTaskOrder = z.infer<typeof zProgressTaskOrder>;

/** A purchase order line serving the line (MTO: carrying its tracking number). */
export const zProgressPurchaseOrder = z.object({
  no: z.string(),
  line: z.number().int(),
  supplier: z.string(),
  supplierName: z.string().optional(),
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  qty: z.string(),
  received: z.string(),
  /** Expected arrival: the line's due date. */
  dueDate: zDate,
  closed: z.boolean(),
});
export type ProgressPurchaseOrder = z.infer<typeof zProgressPurchaseOrder>;

export const zSalesLineProgress = z.object({
  line: z.number().int(),
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  /** mto: stock and supply carrying the line's tracking number; mts: the free pool. */
  strategy: z.enum(['mto', 'mts']),
  trackingNo: z.string().optional(),
  qty: z.string(),
  delivered: z.string(),
  /** qty − delivered (0 when the order is closed or cancelled: nothing more is wanted). */
  open: z.string(),
  dueDate: zDate,
  /** The item's stock: MTO lines the stock carrying the tracking number, MTS the free pool. */
  stock: z.object({
    scope: z.enum(['tracking', 'pool']),
    available: z.string(),
    inspection: z.string(),
  }),
  /**
   * MTO: every task order and purchase order line carrying the tracking number (the item and
   * its tracked components). MTS: the task orders made from this line (生成任务单); pool supply
   * planned by MRP is not pegged to one order and is not shown.
   */
  taskOrders: z.array(zProgressTaskOrder),
  purchaseOrders: z.array(zProgressPurchaseOrder),
  /** The latest due date of the unfinished task orders and purchase lines shown. */
  expectedCompletion: zDate.optional(),
  /**
   * Deliveries of the line: the documents (发货单) that shipped it, oldest first, with what
   * customers returned of each (销售退货); `delivered` is their shipped less returned.
   */
  deliveries: z.array(
    z.object({ no: z.string(), date: zDate, qty: z.string(), returned: z.string() }),
  ),
});
export type SalesLineProgress = z.infer<typeof zSalesLineProgress>;

export const zSalesOrderProgress = z.object({
  no: z.string(),
  customer: z.string(),
  customerName: z.string().optional(),
  status: zSalesOrderStatus,
  /** The business day the view was built on. */
  asOf: zDate,
  lines: z.array(zSalesLineProgress),
});
export type SalesOrderProgress = z.infer<typeof zSalesOrderProgress>;
