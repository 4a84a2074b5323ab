import * as z from 'zod';
import { zCode, zDate, zDecimal, zPositiveQty, zTimestamp } from './common.js';

export const zMrpRunRequest = z.strictObject({
  /** Plan as of this day (default: today). */
  runDate: zDate.optional(),
  horizonDays: z.number().int().min(1).max(730).default(90),
  /**
   * `full` (default) plans every item; `net` replans only the items marked since the current
   * plan and what lies below them, and keeps the rest of it (the same result as a full run).
   * Without a current plan of the same run date and horizon, a net run plans in full.
   */
  mode: z.enum(['full', 'net']).default('full'),
});
export type MrpRunRequest = z.infer<typeof zMrpRunRequest>;

export const zMrpRun = z.object({
  runId: z.string(),
  status: z.enum(['queued', 'loaded', 'computed', 'persisted', 'completed', 'failed']),
  runDate: zDate,
  horizonDays: z.number().int(),
  requestedBy: z.string(),
  requestedAt: zTimestamp,
  steps: z.array(z.object({ name: z.string(), at: zTimestamp })),
  counts: z.record(z.string(), z.number()).optional(),
  previousRunId: z.string().optional(),
  /** What was asked for (runs before net change: full). */
  mode: z.enum(['full', 'net']).optional(),
  /** A net run: the current plan it kept the unmarked items of (absent: it planned in full). */
  basedOn: z.string().optional(),
  /** A net request planned in full after all, and why (no current plan, a BOM changed levels…). */
  fullBecause: z.string().optional(),
  /** A net-change request came while this run was under way: another run follows it. */
  rerun: z.boolean().optional(),
  /** A newer run became current first: this run's plan never did. */
  supersededBy: z.string().optional(),
  error: z.string().optional(),
  finishedAt: zTimestamp.optional(),
});
export type MrpRun = z.infer<typeof zMrpRun>;

export const zRunParams = z.strictObject({ runId: z.string().min(1).max(64) });

/** `customerSupply`: a request to the customer for customer-supplied material, never bought. */
export const PLANNED_ORDER_TYPES = [
  'purchase',
  'production',
  'outsourcing',
  'customerSupply',
] as const;
export const zPlannedOrderType = z.enum(PLANNED_ORDER_TYPES);
export type PlannedOrderType = z.infer<typeof zPlannedOrderType>;

/** A planned order as SCENARIO.md documents it, with its id and whether it was released. */
export const zPlannedOrder = z.object({
  id: z.string(),
  type: zPlannedOrderType,
  item: zCode,
  qty: zDecimal,
  releaseDate: zDate,
  dueDate: zDate,
  trackingNo: z.string().nullable(),
  supplier: z.string().nullable(),
  pegging: z.array(z.object({ demand: z.string(), qty: zDecimal })),
  substitutes: z.array(z.object({ item: zCode, qty: zDecimal })),
  late: z.boolean(),
  released: z.object({ document: z.string(), kind: z.string(), at: zTimestamp }).nullable(),
});
export type PlannedOrderView = z.infer<typeof zPlannedOrder>;

export const zMrpException = z.object({
  /** notPlanned: a stored quantity past what planning computes exactly; the item was left out. */
  /** promiseBroken: a sales order line's promised date (交期承诺) is earlier than the plan meets. */
  kind: z.enum([
    'late',
    'rescheduleIn',
    'rescheduleOut',
    'cancel',
    'substitute',
    'notPlanned',
    'promiseBroken',
  ]),
  item: zCode,
  detail: z.string(),
});

export const zPlannedOrdersQuery = z.strictObject({
  runId: z.string().max(64).optional(),
  item: zCode.optional(),
  type: zPlannedOrderType.optional(),
  /** Ignored with `item` (one item's orders come whole). */
  limit: z.coerce.number().int().min(1).max(2000).default(500),
  cursor: z.string().max(2000).optional(),
});

export type PlannedOrdersQuery = z.infer<typeof zPlannedOrdersQuery>;

export const zPlannedOrders = z.object({
  runId: z.string().nullable(),
  runDate: zDate.nullable(),
  plannedOrders: z.array(zPlannedOrder),
  /** The exceptions of the items this page covers. */
  exceptions: z.array(zMrpException),
  nextCursor: z.string().nullable(),
});
export type PlannedOrders = z.infer<typeof zPlannedOrders>;

export const zReleaseRequest = z.strictObject({
  /** Planned orders of the current run to release. */
  ids: z.array(z.string().min(1).max(80)).min(1).max(500),
  /** Purchase orders: one per supplier (default), or one per supplier and week. */
  groupPurchasesByWeek: z.boolean().default(false),
});
export type ReleaseRequest = z.infer<typeof zReleaseRequest>;

export const zReleaseResult = z.object({
  purchaseOrders: z.array(z.string()),
  taskOrders: z.array(z.string()),
  outsourcingOrders: z.array(z.string()),
  released: z.array(z.object({ id: z.string(), document: z.string() })),
});
export type ReleaseResult = z.infer<typeof zReleaseResult>;

export const zKittingQuery = z
  .strictObject({
    item: zCode.optional(),
    qty: zPositiveQty.optional(),
    /** Or a sales order line: its item and open quantity. */
    salesOrder: zCode.optional(),
    line: z.coerce.number().int().min(1).optional(),
    date: zDate.optional(),
  })
  .refine(
    (q) =>
      (q.item !== undefined && q.qty !== undefined) ||
      (q.salesOrder !== undefined && q.line !== undefined),
    {
      message: '请指定物料和数量，或销售订单和行号',
      path: ['item'],
    },
  );
export type KittingQuery = z.infer<typeof zKittingQuery>;

export const zKitting = z.object({
  item: zCode,
  qty: zDecimal,
  date: zDate,
  /** The largest number of sets current stock can build (not more than asked)... */
  buildable: zDecimal,
  /** ... and with the substitutes' stock used where a component is short. */
  buildableWithSubstitutes: zDecimal,
  complete: z.boolean(),
  components: z.array(
    z.object({
      item: zCode,
      /**
       * Path from the item: sub-assemblies (phantoms too) whose stock was used before
       * exploding further.
       */
      path: z.array(zCode),
      required: zDecimal,
      available: zDecimal,
      short: zDecimal,
      /** Sets this component alone allows. */
      sets: zDecimal,
      /**
       * Substitute stock that could cover the shortage (stock no component of the kit takes
       * itself), in priority order: `qty` of the substitute stands in for `covers`.
       */
      substitutes: z.array(z.object({ item: zCode, qty: zDecimal, covers: zDecimal })),
      /** What stays short with those substitutes. */
      shortAfterSubstitutes: zDecimal,
    }),
  ),
});
export type Kitting = z.infer<typeof zKitting>;

export const zShortageQuery = z.strictObject({ date: zDate.optional() });

export const zShortage = z.object({
  date: zDate,
  orders: z.array(
    z.object({
      no: z.string(),
      item: zCode,
      qty: zDecimal,
      dueDate: zDate,
      status: z.enum(['complete', 'partial', 'short']),
      /** Whether the covers below would make up every shortage of the order. */
      completeWithCover: z.boolean(),
      components: z.array(
        z.object({
          item: zCode,
          needed: zDecimal,
          allocated: zDecimal,
          short: zDecimal,
          /**
           * Stock no order takes for its own needs that could make up the shortage, by
           * priority of the orders: a phantom above the component (`qty` units of it stand in
           * for all its components at once, `covers` of this one), then the component's
           * substitutes in priority order (`qty` of the substitute × ratio = `covers`).
           */
          cover: z.array(
            z.object({
              kind: z.enum(['phantom', 'substitute']),
              item: zCode,
              qty: zDecimal,
              covers: zDecimal,
            }),
          ),
          /** What stays short with those covers. */
          shortAfterCover: zDecimal,
        }),
      ),
    }),
  ),
});
export type Shortage = z.infer<typeof zShortage>;
