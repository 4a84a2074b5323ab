import * as z from 'zod';
import { zDate, zMoney, zTimestamp, zVersion } from './common.js';

/**
 * Sales orders (销售订单) entered in the product: draft -> pending (approval running) ->
 * confirmed / rejected; cancelled from draft, pending or rejected; a confirmed order is closed
 * by hand with a reason (its undelivered quantity is no longer wanted). Only confirmed orders
 * (and imported open ones) are demand for planning.
 *
 * The document as stored and answered is here; what requests send is in salesOrderInput.ts, so
 * the areas that only read orders (approvals, the shop floor) carry none of the input rules.
 */
export const SALES_ORDER_STATUSES = [
  'draft',
  'pending',
  'confirmed',
  'rejected',
  'cancelled',
  'closed',
] as const;
export const zSalesOrderStatus = z.enum(SALES_ORDER_STATUSES);
export type SalesOrderStatus = z.infer<typeof zSalesOrderStatus>;

export const zSalesOrderLine = z.object({
  line: z.number().int().min(1),
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  qty: z.string(),
  /** Delivered so far (0 until deliveries exist); only qty − delivered is still demand. */
  delivered: z.string(),
  /** Absent on imported orders, which carry no prices. */
  unitPrice: z.string().optional(),
  /** Excluding VAT: qty × unit price, half up to the fen. */
  amount: zMoney.optional(),
  /** Absent on orders entered before VAT per line (their amounts exclude VAT). */
  vatRate: z.string().optional(),
  tax: zMoney.optional(),
  amountWithTax: zMoney.optional(),
  dueDate: zDate,
  /**
   * The date promised to the customer (交期承诺): given by the rep, or the promise date computed
   * when the order was submitted; a later plan that cannot meet it raises `promiseBroken`.
   */
  promisedDate: zDate.optional(),
  /** How the promise was reached, when it was computed: stock, supply or ctp. */
  promiseSource: z.enum(['stock', 'supply', 'ctp']).optional(),
  trackingNo: z.string().optional(),
  note: z.string().optional(),
});
export type SalesOrderLine = z.infer<typeof zSalesOrderLine>;

export const zSalesOrder = z.object({
  no: z.string(),
  /** 'entry': entered here; 'import': from a factory data file (no draft state, no prices). */
  origin: z.enum(['entry', 'import']),
  customer: z.string(),
  customerName: z.string().optional(),
  orderDate: zDate.optional(),
  status: zSalesOrderStatus,
  remark: z.string().optional(),
  lines: z.array(zSalesOrderLine),
  /** Sum of the lines' amounts excluding VAT. */
  total: zMoney,
  /** Sums of the lines' VAT and amounts including VAT; absent on orders without VAT. */
  tax: zMoney.optional(),
  totalWithTax: zMoney.optional(),
  approvalId: z.string().optional(),
  version: zVersion,
  createdAt: zTimestamp.optional(),
  createdBy: z.string().optional(),
  updatedAt: zTimestamp.optional(),
  updatedBy: z.string().optional(),
  submittedAt: zTimestamp.optional(),
  decidedAt: zTimestamp.optional(),
  cancelledAt: zTimestamp.optional(),
  cancelReason: z.string().optional(),
  closedAt: zTimestamp.optional(),
  closedBy: z.string().optional(),
  closeReason: z.string().optional(),
});
export type SalesOrder = z.infer<typeof zSalesOrder>;
