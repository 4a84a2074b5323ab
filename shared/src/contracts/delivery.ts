import * as z from 'zod';
import { zCode, zDate, zPositiveQty, zTimestamp, zVersion } from './common.js';
import { zLot } from './stock.js';

/**
 * Deliveries (发货单) ship lines of one customer's confirmed sales orders out of stock, and
 * customer returns (销售退货) take delivered goods back into stock in inspection. Both post
 * through the ledger in the transaction that changes the sales lines' `delivered`.
 */

/**
 * A delivery or return posts one transaction (ledger, balances, the orders, the document and
 * the reps' messages): its lines are capped so that it always fits.
 */
export const MAX_DELIVERY_LINES = 20;

export const zDeliveryLineInput = z.strictObject({
  salesOrder: zCode,
  /** The sales order's line number (1-based). */
  line: z.number().int().min(1),
  qty: zPositiveQty,
  /** Default: the item's default warehouse. */
  warehouse: zCode.optional(),
  lot: zLot.optional(),
});
export type DeliveryLineInput = z.infer<typeof zDeliveryLineInput>;

export const zDeliveryCreate = z.strictObject({
  customer: zCode,
  /** Business date of the shipment (default: today in Shanghai). */
  date: zDate.optional(),
  note: z.string().max(500, { message: '备注最多 500 字' }).optional(),
  lines: z
    .array(zDeliveryLineInput)
    .min(1, { message: '至少需要一行' })
    .max(MAX_DELIVERY_LINES, { message: `最多 ${MAX_DELIVERY_LINES} 行` }),
});
export type DeliveryCreate = z.infer<typeof zDeliveryCreate>;

export const zDeliveryLine = z.object({
  line: z.number().int().min(1),
  salesOrder: z.string(),
  salesOrderLine: z.number().int().min(1),
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  /** The unit's name (个, 千克), for people. */
  unitName: z.string().optional(),
  qty: z.string(),
  warehouse: z.string(),
  lot: z.string().optional(),
  /** MTO lines ship stock of their order's tracking number. */
  trackingNo: z.string().optional(),
  /** Taken back by customer returns so far. */
  returned: z.string(),
});
export type DeliveryLine = z.infer<typeof zDeliveryLine>;

export const zDelivery = z.object({
  no: z.string(),
  customer: z.string(),
  customerName: z.string().optional(),
  date: zDate,
  note: z.string().optional(),
  lines: z.array(zDeliveryLine),
  /** The sales orders shipped from, and those this delivery closed (delivered in full). */
  salesOrders: z.array(z.string()),
  closedOrders: z.array(z.string()),
  version: zVersion,
  createdAt: zTimestamp,
  createdBy: z.string(),
});
export type Delivery = z.infer<typeof zDelivery>;

export const zDeliveryParams = z.strictObject({ no: zCode });

export const zDeliveryListQuery = z
  .strictObject({
    customer: zCode.optional(),
    salesOrder: zCode.optional(),
    /** Shipment dates from / to (inclusive). */
    from: zDate.optional(),
    to: zDate.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '结束日期不能早于开始日期',
    path: ['to'],
  });
export type DeliveryListQuery = z.infer<typeof zDeliveryListQuery>;

export const zDeliveryShareRequest = z.strictObject({
  /** How long the link works, in days (default 7, at most 30). */
  days: z.number().int().min(1).max(30).optional(),
});
export type DeliveryShareRequest = z.infer<typeof zDeliveryShareRequest>;

export const zDeliveryShare = z.object({
  delivery: z.string(),
  /** The page's path on the API's origin: GET it without a login. */
  path: z.string(),
  token: z.string(),
  expiresAt: zTimestamp,
});
export type DeliveryShare = z.infer<typeof zDeliveryShare>;

export const zDeliveryShareParams = z.strictObject({
  token: z
    .string()
    .min(10)
    .max(1000)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: '分享链接无效' }),
});

// ---- customer returns (销售退货) ---------------------------------------------------------

export const zCustomerReturnCreate = z.strictObject({
  delivery: zCode,
  date: zDate.optional(),
  reason: z.string().trim().max(200, { message: '原因最多 200 字' }).optional(),
  lines: z
    .array(
      z.strictObject({
        /** The delivery's line number. */
        line: z.number().int().min(1),
        qty: zPositiveQty,
        /** Default: the warehouse the line shipped from. */
        warehouse: zCode.optional(),
      }),
    )
    .min(1, { message: '至少需要一行' })
    .max(MAX_DELIVERY_LINES, { message: `最多 ${MAX_DELIVERY_LINES} 行` }),
});
export type CustomerReturnCreate = z.infer<typeof zCustomerReturnCreate>;

export const zCustomerReturn = z.object({
  no: z.string(),
  delivery: z.string(),
  customer: z.string(),
  date: zDate,
  reason: z.string().optional(),
  lines: z.array(
    z.object({
      line: z.number().int().min(1),
      deliveryLine: z.number().int().min(1),
      salesOrder: z.string(),
      salesOrderLine: z.number().int().min(1),
      item: z.string(),
      itemName: z.string().optional(),
      unit: z.string().optional(),
      unitName: z.string().optional(),
      qty: z.string(),
      warehouse: z.string(),
      /**
       * inspection (an inspection order is opened), unless the item's inspection plan leaves
       * customer returns out: then available.
       */
      status: z.enum(['inspection', 'available']),
      trackingNo: z.string().optional(),
    }),
  ),
  createdAt: zTimestamp,
  createdBy: z.string(),
});
export type CustomerReturn = z.infer<typeof zCustomerReturn>;

export const zCustomerReturnParams = z.strictObject({ no: zCode });

// ---- what can be shipped (the picking page) ----------------------------------------------

export const zDeliverableQuery = z.strictObject({ customer: zCode });
export type DeliverableQuery = z.infer<typeof zDeliverableQuery>;

/** An open line of a customer's confirmed sales order: what is left to ship. */
export const zDeliverableLine = z.object({
  salesOrder: z.string(),
  line: z.number().int().min(1),
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  /** The unit's name (个, 千克), for people. */
  unitName: z.string().optional(),
  qty: z.string(),
  delivered: z.string(),
  open: z.string(),
  dueDate: zDate,
  trackingNo: z.string().optional(),
  /** Where it ships from unless another warehouse is given: the item's default warehouse. */
  warehouse: z.string().optional(),
  warehouseName: z.string().optional(),
});
export type DeliverableLine = z.infer<typeof zDeliverableLine>;

export const zDeliverables = z.object({
  customer: z.string(),
  customerName: z.string().optional(),
  lines: z.array(zDeliverableLine),
});
export type Deliverables = z.infer<typeof zDeliverables>;
