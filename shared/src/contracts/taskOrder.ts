import * as z from 'zod';
import { zCode, zDate, zDocumentLabels, zPositiveQty, zTimestamp } from './common.js';
import { zSubstitute } from './bom.js';
import { zStockStatus } from './stock.js';

/** Task order (生产任务单) states; `open` is how released and imported orders were first stored. */
export const TASK_ORDER_STATES = [
  'planned',
  'released',
  'inProgress',
  'completed',
  'closed',
] as const;
export const zTaskOrderState = z.enum(TASK_ORDER_STATES);
export type TaskOrderState = z.infer<typeof zTaskOrderState>;

export const zIssueMethodOfNeed = z.enum(['manual', 'backflush']);

/** One component need of a task order, copied from the BOM with phantoms expanded. */
export const zTaskNeed = z.object({
  item: z.string(),
  /** Per parent unit, through every phantom level on the way. */
  qtyPer: z.string(),
  /** Compounded loss of the line (and of the phantom lines above it). */
  lossRate: z.string(),
  /** qty × qtyPer × (1 + loss), rounded up to the component's unit precision. */
  required: z.string(),
  issued: z.string(),
  warehouse: z.string(),
  issueMethod: zIssueMethodOfNeed,
  /** The phantoms this need came through, outermost first (absent for a direct component). */
  phantomPath: z.array(z.string()).optional(),
  /**
   * The stock status the need is drawn from (absent: available). A rework order takes the
   * product it repairs from `rejected` stock.
   */
  status: zStockStatus.optional(),
  /**
   * The tracking number of the balances the need is drawn from and returned to: the order's
   * for an MTO component of a tracked (MTO) order; absent: the untracked pool.
   */
  trackingNo: z.string().optional(),
  /**
   * The substitutes the BOM line allows for this component (priority, ratio: substitute qty
   * per unit of the component), copied with the needs. Absent on needs stored before
   * substitutes were copied: picking then reads them from the BOM at the order's start date.
   */
  substitutes: z.array(zSubstitute).optional(),
  /**
   * Issued as substitute X for this component (net of returns): `qty` of X from its balance,
   * covering `covers` of the component. `issued` above includes `covers`, so the need counts
   * as covered (picking, MRP, shortage); only `issued − Σ covers` is the component itself.
   */
  substituted: z
    .array(
      z.object({
        item: z.string(),
        warehouse: z.string(),
        trackingNo: z.string().optional(),
        qty: z.string(),
        covers: z.string(),
      }),
    )
    .optional(),
});
export type TaskNeed = z.infer<typeof zTaskNeed>;

/** A task order makes product (standard, the default) or repairs rejected product (rework). */
export const TASK_ORDER_KINDS = ['standard', 'rework'] as const;
export const zTaskOrderKind = z.enum(TASK_ORDER_KINDS);
export type TaskOrderKind = z.infer<typeof zTaskOrderKind>;

export const zTaskOrder = z.object({
  no: z.string(),
  /** Absent on orders written before kinds existed: standard. */
  kind: zTaskOrderKind.optional(),
  item: z.string(),
  qty: z.string(),
  received: z.string(),
  startDate: zDate,
  dueDate: zDate,
  trackingNo: z.string().optional(),
  /** 1 is the most urgent. */
  priority: z.number().int(),
  status: zTaskOrderState,
  bomVersion: z.string().optional(),
  needs: z.array(zTaskNeed),
  /** Issued quantity per component (what MRP, kitting and shortage read). */
  issued: z.array(z.object({ item: z.string(), qty: z.string() })),
  salesOrders: z.array(z.object({ no: z.string(), line: z.number().int() })).optional(),
  origin: z.enum(['manual', 'sales', 'mrp', 'import']),
  /** A rework order (返修): why, where the rejected product is, the order that made it. */
  rework: z
    .object({
      reason: z.string(),
      warehouse: z.string(),
      sourceOrder: z.string().optional(),
    })
    .optional(),
  /**
   * The workers (WeCom userids) the order is assigned to. Absent or empty: not assigned yet,
   * so every worker sees it in their list.
   */
  assignees: z.array(z.string()).optional(),
  version: z.number().int(),
  createdAt: zTimestamp.optional(),
  createdBy: z.string().optional(),
});
export type TaskOrder = z.infer<typeof zTaskOrder>;

const zAssignees = z.array(zCode).max(20, { message: '最多指派 20 人' });

const zPriority = z.number().int().min(1).max(9);

/** A task order as read through the API: the stored order and the labels of its codes. */
export const zTaskOrderView = zTaskOrder.extend({ labels: zDocumentLabels.optional() });
export type TaskOrderView = z.infer<typeof zTaskOrderView>;

export const zTaskOrderCreate = z
  .strictObject({
    item: zCode,
    qty: zPositiveQty,
    startDate: zDate,
    dueDate: zDate,
    priority: zPriority.default(5),
    trackingNo: zCode.optional(),
    /** Issue warehouse for components whose BOM line and item name none. */
    warehouse: zCode.optional(),
    /** Created released (default) or only planned. */
    status: z.enum(['planned', 'released']).default('released'),
    /** The workers it is assigned to (WeCom userids); none: every worker sees it. */
    assignees: zAssignees.optional(),
  })
  .refine((r) => r.startDate <= r.dueDate, {
    message: '开工日期不能晚于完工日期',
    path: ['dueDate'],
  });
export type TaskOrderCreate = z.infer<typeof zTaskOrderCreate>;

/**
 * A rework order (返修) for rejected product: it takes `qty` of `item` from `rejected` stock
 * in `warehouse`, plus any extra repair components from available stock; its receipt puts
 * the repaired product back (into inspection when the item needs it) without backflushing
 * the BOM.
 */
export const zReworkCreate = z
  .strictObject({
    item: zCode,
    qty: zPositiveQty,
    /** The warehouse holding the rejected product. */
    warehouse: zCode,
    reason: z.string().trim().min(1).max(200),
    /** The task order that made the rejected product, if known. */
    sourceOrder: z.string().min(1).max(64).optional(),
    /** Extra repair components, issued from available stock. */
    lines: z
      .array(z.strictObject({ item: zCode, qty: zPositiveQty, warehouse: zCode }))
      .max(40)
      .default([]),
    /** Default: today (Shanghai). */
    startDate: zDate.optional(),
    dueDate: zDate,
    priority: zPriority.default(5),
    /** MTO tracking number of the rejected product (and of MTO repair components). */
    trackingNo: zCode.optional(),
    status: z.enum(['planned', 'released']).default('released'),
  })
  .refine((r) => r.startDate === undefined || r.startDate <= r.dueDate, {
    message: '开工日期不能晚于完工日期',
    path: ['dueDate'],
  });
export type ReworkCreate = z.infer<typeof zReworkCreate>;

export const zTaskOrdersFromSales = z.strictObject({
  lines: z
    .array(z.strictObject({ salesOrder: z.string().min(1).max(64), line: z.number().int().min(1) }))
    .min(1)
    .max(200),
  /** One task order per sales line, or one per item and tracking number. */
  merge: z.enum(['perLine', 'perItem']).default('perLine'),
  /** Start date (default: today); due date is the earliest due date of the lines. */
  startDate: zDate.optional(),
  priority: zPriority.default(5),
  warehouse: zCode.optional(),
});
export type TaskOrdersFromSales = z.infer<typeof zTaskOrdersFromSales>;

export const zTaskOrderListQuery = z.strictObject({
  status: zTaskOrderState.optional(),
  /**
   * Only the orders assigned to this worker (userid). A worker's own list is always only
   * theirs and the unassigned ones, whatever is asked.
   */
  assignee: zCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type TaskOrderListQuery = z.infer<typeof zTaskOrderListQuery>;

/** Who a task order is assigned to: the whole list (empty: unassigned). */
export const zTaskOrderAssign = z.strictObject({
  assignees: zAssignees,
  expectedVersion: z.number().int().optional(),
});
export type TaskOrderAssign = z.infer<typeof zTaskOrderAssign>;

/** The people a task order may be assigned to: the tenant's active workers. */
export const zAssignableWorkers = z.object({
  items: z.array(z.object({ userid: z.string(), name: z.string() })),
});
export type AssignableWorkers = z.infer<typeof zAssignableWorkers>;

export const zTaskOrderParams = z.strictObject({ no: z.string().min(1).max(64) });
export const zTaskOrderTransition = z.strictObject({
  to: z.enum(['released', 'closed']),
  expectedVersion: z.number().int().optional(),
});
export type TaskOrderTransition = z.infer<typeof zTaskOrderTransition>;

// ---- picking ---------------------------------------------------------------------------------

export const zPickLine = z.strictObject({
  item: zCode,
  warehouse: zCode.optional(),
  qty: zPositiveQty,
});

/**
 * A standard pick line. With `substitute`: the component `item` is short, so `qty` of it is
 * covered by issuing that allowed substitute instead (qty × ratio, rounded up to the
 * substitute's unit precision) from `warehouse` (default: the substitute's default warehouse,
 * else the need's).
 */
export const zIssueLine = zPickLine.extend({ substitute: zCode.optional() });

/**
 * A return line. With `substituteFor`: `item` was issued as a substitute for that component
 * and only those issues are returned; without it, the item's own issues are returned first,
 * then its issues as a substitute.
 */
export const zReturnLine = zPickLine.extend({ substituteFor: zCode.optional() });

/**
 * An issue to one order, its mode by its fields: `lines` (standard, partial allowed), `sets`
 * (kit: N whole sets), neither (every remaining manual need); `phantom` limits any of them to
 * the needs under that phantom sub-assembly (skip-level).
 */
export const zTaskIssueRequest = z
  .strictObject({
    date: zDate,
    lines: z.array(zIssueLine).min(1).max(300).optional(),
    sets: zPositiveQty.optional(),
    phantom: zCode.optional(),
    note: z.string().max(500).optional(),
  })
  .refine((r) => r.lines === undefined || r.sets === undefined, {
    message: '按套领料时不能同时指定领料行',
    path: ['sets'],
  });
export type TaskIssueRequest = z.infer<typeof zTaskIssueRequest>;

export const zKitPreview = z.object({
  no: z.string(),
  maxSets: z.string(),
  remainingSets: z.string(),
  components: z.array(
    z.object({
      item: z.string(),
      warehouse: z.string(),
      status: zStockStatus.optional(),
      trackingNo: z.string().optional(),
      perSet: z.string(),
      available: z.string(),
      sets: z.string(),
    }),
  ),
});
export type KitPreview = z.infer<typeof zKitPreview>;

/** Pick list of one or several orders (orders=MO1,MO2; phantom: skip-level). */
export const zPickListQuery = z.strictObject({
  orders: z.string().min(1).max(3000),
  phantom: zCode.optional(),
});
export type PickListQuery = z.infer<typeof zPickListQuery>;

export const zPickList = z.object({
  orders: z.array(z.string()),
  /** Remaining manual needs summed per item and warehouse, each order's share kept. */
  lines: z.array(
    z.object({
      item: z.string(),
      warehouse: z.string(),
      /** The status drawn from when not `available` (a rework order's rejected product). */
      status: zStockStatus.optional(),
      /** The tracking number drawn from (MTO components of a tracked order). */
      trackingNo: z.string().optional(),
      qty: z.string(),
      available: z.string(),
      /** The item's 库位 (bin), when the item master names one: the list is walked by it. */
      location: z.string().optional(),
      shares: z.array(z.object({ order: z.string(), qty: z.string() })),
      /**
       * For one order: the substitutes its BOM allows for this component, by priority, with
       * where each is issued from, its stock there, and how much of the component that stock
       * covers (available / ratio, rounded down to the component's precision). A standard
       * pick may use one for what the component's own stock cannot cover.
       */
      substitutes: z
        .array(
          z.object({
            item: z.string(),
            priority: z.number().int(),
            ratio: z.string(),
            warehouse: z.string(),
            trackingNo: z.string().optional(),
            available: z.string(),
            covers: z.string(),
          }),
        )
        .optional(),
    }),
  ),
  /** For one order: how many whole sets stock allows for a kit issue. */
  kit: zKitPreview.omit({ no: true }).optional(),
});
export type PickList = z.infer<typeof zPickList>;

/**
 * A merged pick: without `lines` every remaining need of the orders; with `lines` what was
 * taken of each line of the merged list (a line left out is not picked), shared out over the
 * orders by priority, each at most its remaining need.
 */
export const zMergedPickRequest = z.strictObject({
  orders: z.array(z.string().min(1).max(64)).min(1).max(50),
  date: zDate,
  note: z.string().max(500).optional(),
  lines: z
    .array(
      z.strictObject({
        item: zCode,
        warehouse: zCode,
        qty: zPositiveQty,
        status: zStockStatus.optional(),
        trackingNo: z.string().min(1).max(64).optional(),
      }),
    )
    .min(1)
    .max(200)
    .optional(),
});
export type MergedPickRequest = z.infer<typeof zMergedPickRequest>;

export const zSupplementaryRequest = z.strictObject({
  date: zDate,
  reason: z.string().trim().min(1).max(200),
  lines: z.array(zPickLine).min(1).max(100),
});
export type SupplementaryRequest = z.infer<typeof zSupplementaryRequest>;

export const zSupplementary = z.object({
  no: z.string(),
  order: z.string(),
  date: zDate,
  reason: z.string(),
  lines: z.array(z.object({ item: z.string(), warehouse: z.string(), qty: z.string() })),
  status: z.enum(['pending', 'posted', 'rejected']),
  approvalId: z.string().optional(),
  stockDocument: z.string().optional(),
  createdAt: zTimestamp,
  createdBy: z.string(),
});
export type Supplementary = z.infer<typeof zSupplementary>;

/** A task order's supplementary issue requests, newest first. */
export const zSupplementaryList = z.object({
  order: z.string(),
  items: z.array(zSupplementary),
});
export type SupplementaryList = z.infer<typeof zSupplementaryList>;

export const zTaskReturnRequest = z.strictObject({
  date: zDate,
  lines: z.array(zReturnLine).min(1).max(300),
  note: z.string().max(500).optional(),
});
export type TaskReturnRequest = z.infer<typeof zTaskReturnRequest>;

/** What an issue, kit, return or merged pick posted: the stock documents and the orders after. */
export const zPickResult = z.object({
  documents: z.array(z.string()),
  orders: z.array(zTaskOrder),
  /**
   * What this posting moved, per order, item and warehouse (an issue: issued; a return:
   * returned), summed; a substitute names the component it stood in for. Absent on results
   * stored before it was added.
   */
  posted: z
    .array(
      z.object({
        order: z.string(),
        item: z.string(),
        warehouse: z.string(),
        qty: z.string(),
        substituteFor: z.string().optional(),
      }),
    )
    .optional(),
});
export type PickResult = z.infer<typeof zPickResult>;
