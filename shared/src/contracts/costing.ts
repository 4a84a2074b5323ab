import * as z from 'zod';
import { zCode, zDate, zDecimal, zQty } from './common.js';
import { zMonth, zYuan } from './periodFile.js';

/**
 * Monthly costing (成本核算, issue 15; DOMAIN.md "Costing", docs/costing.md): expense pools and
 * their entries, WIP counts, the opening balances costing starts from, the period's costing
 * run and its report (成本计算单).
 */

export const zPoolBasis = z.enum(['quantity', 'material', 'hours'], {
  message: '分配基础应为 quantity（完工数量×系数）、material（直接材料）或 hours（工时）',
});

const zName = z.string().trim().min(1, { message: '名称不能为空' }).max(64);

/** A signed amount in yuan, at most two decimals, not zero (an entry or its reversal). */
export const zSignedYuan = z
  .string()
  .regex(/^-?(0|[1-9]\d{0,10})(\.\d{1,2})?$/, { message: '金额应为最多两位小数的数，如 "1250.50"' })
  .refine((v) => !/^-?0(\.0{1,2})?$/.test(v), { message: '金额不能为 0' });

/** An expense pool (费用归集): what it collects and how it is shared out. */
export const zCostPoolInput = z.strictObject({
  name: zName,
  basis: zPoolBasis,
  /** Shared only over this workshop's task orders. */
  workshop: zCode.optional(),
  /** An inactive pool takes no new entries; its past periods keep it. */
  active: z.boolean().optional(),
});
export type CostPoolInput = z.infer<typeof zCostPoolInput>;

export const zCostPoolDefinition = zCostPoolInput.extend({
  code: zCode,
  active: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type CostPoolDefinition = z.infer<typeof zCostPoolDefinition>;

/**
 * How the tenant's periods run: calendar months (no closing day), or from the day after the
 * closing day of the month before to this month's (a day past a short month's end: its last).
 */
export const zCostingSettingsInput = z.strictObject({
  closingDay: z
    .number({ message: '结账日应为 1 到 31 的整数，或 null（自然月）' })
    .int({ message: '结账日应为 1 到 31 的整数，或 null（自然月）' })
    .min(1, { message: '结账日应为 1 到 31 的整数，或 null（自然月）' })
    .max(31, { message: '结账日应为 1 到 31 的整数，或 null（自然月）' })
    .nullable(),
});
export type CostingSettingsInput = z.infer<typeof zCostingSettingsInput>;
export const zCostingSettings = zCostingSettingsInput.extend({
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type CostingSettings = z.infer<typeof zCostingSettings>;

export const zPeriodParams = z.strictObject({ period: zMonth });
export const zPeriodOrderParams = z.strictObject({ period: zMonth, order: zCode });

/** An amount entered into a pool (a reversal is negative). */
export const zExpenseEntryInput = z.strictObject({
  pool: zCode,
  amount: zSignedYuan,
  /** Inside the period. */
  date: zDate,
  note: z.string().trim().max(200).optional(),
});
export type ExpenseEntryInput = z.infer<typeof zExpenseEntryInput>;

export const zExpenseEntry = zExpenseEntryInput.extend({
  id: z.string(),
  period: zMonth,
  /** Entered by hand, or an approved expense claim's line (OA). */
  source: z.object({ kind: z.enum(['entered', 'claim']), ref: z.string().optional() }),
  enteredBy: z.string(),
  enteredAt: z.string(),
});
export type ExpenseEntry = z.infer<typeof zExpenseEntry>;

export const zExpenseQuery = z.strictObject({ pool: zCode.optional() });

/** An order's month-end WIP count (在制盘点, rule 5). */
export const zWipCountInput = z.strictObject({ qty: zQty });
export const zWipCount = z.object({
  period: zMonth,
  order: zCode,
  qty: zDecimal,
  enteredBy: z.string(),
  enteredAt: z.string(),
});
export type WipCount = z.infer<typeof zWipCount>;

/**
 * Where costing starts (go-live): the first period to cost, the own stock's quantity and value
 * per item on its first day, and each order's WIP by element. Set before any period is costed.
 */
export const zCostingOpeningInput = z.strictObject({
  period: zMonth,
  stock: z
    .array(z.strictObject({ item: zCode, qty: zQty, value: zYuan }))
    .max(50_000)
    .default([]),
  wip: z
    .array(
      z.strictObject({
        order: zCode,
        material: zYuan.optional(),
        pools: z.record(zCode, zYuan).optional(),
        fee: zYuan.optional(),
      }),
    )
    .max(20_000)
    .default([]),
});
export type CostingOpeningInput = z.infer<typeof zCostingOpeningInput>;
export const zCostingOpening = zCostingOpeningInput.extend({
  setBy: z.string(),
  setAt: z.string(),
});
export type CostingOpening = z.infer<typeof zCostingOpening>;

export const COSTING_STEPS = ['load', 'compute', 'write', 'notify'] as const;

/** A costing run of a period: its progress while it runs, its error when it failed. */
export const zCostingRun = z.object({
  runId: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  steps: z.array(z.object({ name: z.string(), at: z.string() })),
  counts: z.record(z.string(), z.number()).optional(),
  error: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type CostingRun = z.infer<typeof zCostingRun>;

/** A period as costing sees it: open, costed (repeatable), closed. */
export const zCostingPeriod = z.object({
  period: zMonth,
  from: zDate,
  to: zDate,
  status: z.enum(['open', 'costed', 'closed']),
  /** The latest run, running or finished. */
  run: zCostingRun.optional(),
  /** The run whose report stands (the latest completed one). */
  costedRunId: z.string().optional(),
  costedAt: z.string().optional(),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  reopenedAt: z.string().optional(),
  reopenedBy: z.string().optional(),
  version: z.number().int(),
});
export type CostingPeriodRecord = z.infer<typeof zCostingPeriod>;

const zAmount = z.string();

export const zItemCostLine = z.object({
  item: zCode,
  name: z.string().optional(),
  openingQty: zDecimal,
  openingValue: zAmount,
  receiptQty: zDecimal,
  receiptValue: zAmount,
  outQty: zDecimal,
  outValue: zAmount,
  closingQty: zDecimal,
  closingValue: zAmount,
  unitCost: z.string().nullable(),
  priceDifference: zAmount,
});

export const zOrderCostLine = z.object({
  no: zCode,
  kind: z.enum(['task', 'outsourcing']),
  item: zCode,
  received: zDecimal,
  openingWip: zAmount,
  material: zAmount,
  pools: z.record(z.string(), zAmount),
  outsourcingFee: zAmount,
  completed: zAmount,
  unitCost: z.string().nullable(),
  closingWip: zAmount,
  loss: zAmount,
  wipQty: zDecimal,
});

export const zPoolCostLine = z.object({
  code: zCode,
  name: z.string().optional(),
  basis: zPoolBasis.optional(),
  amount: zAmount,
  allocated: zAmount,
  unallocated: zAmount,
});

/**
 * A product's month: what its orders completed and of what (the elements: material, each
 * pool, outsourcing fee, opening WIP), its unit cost, and against it what the period's
 * deliveries sold it for (gross margin).
 */
export const zProductCostLine = z.object({
  item: zCode,
  name: z.string().optional(),
  received: zDecimal,
  completed: zAmount,
  unitCost: z.string().nullable(),
  elements: z.object({
    openingWip: zAmount,
    material: zAmount,
    pools: z.record(z.string(), zAmount),
    outsourcingFee: zAmount,
  }),
  deliveredQty: zDecimal,
  salesAmount: zAmount,
  /** Sales amount over delivered quantity, four decimals; null when nothing priced was sold. */
  salesUnitPrice: z.string().nullable(),
  /** Cost of what was delivered: its quantity at the product's period unit cost (item). */
  deliveredCost: zAmount,
  /** Sales amount less the cost of the deliveries that had a price. */
  grossMargin: zAmount,
  /** Gross margin over sales, percent with two decimals; null without sales. */
  marginRate: z.string().nullable(),
  /**
   * 成本还原: what was completed by element, the material drawn from sub-assemblies made in
   * the period split back into their own elements (sums to `completed`).
   */
  restored: z
    .object({
      material: zAmount,
      pools: z.record(z.string(), zAmount),
      outsourcingFee: zAmount,
    })
    .optional(),
});
export type ProductCostLine = z.infer<typeof zProductCostLine>;

export const zCostReport = z.object({
  period: zMonth,
  from: zDate,
  to: zDate,
  status: z.enum(['open', 'costed', 'closed']),
  runId: z.string(),
  costedAt: z.string(),
  items: z.array(zItemCostLine),
  orders: z.array(zOrderCostLine),
  pools: z.array(zPoolCostLine),
  products: z.array(zProductCostLine),
  /** Customer-supplied material in the period: quantities only, never valued. */
  customerSupplied: z.array(
    z.object({
      customer: zCode,
      item: zCode,
      received: zDecimal,
      issued: zDecimal,
      returnedToCustomer: zDecimal,
      onHand: zDecimal,
    }),
  ),
  reconciliation: z.object({
    in: zAmount,
    out: zAmount,
    difference: zAmount,
    parts: z.record(z.string(), zAmount),
  }),
});
export type CostReport = z.infer<typeof zCostReport>;

/** Month over month per product, for the manager's charts. */
export const zProductTrendQuery = z.strictObject({
  from: zMonth,
  to: zMonth,
  item: zCode.optional(),
});
export const zProductTrend = z.object({
  periods: z.array(
    z.object({
      period: zMonth,
      status: z.enum(['open', 'costed', 'closed']),
      products: z.array(zProductCostLine),
    }),
  ),
});
export type ProductTrend = z.infer<typeof zProductTrend>;

/** What an order's direct material is made of: the ledger lines behind it. */
export const zOrderMaterialLine = z.object({
  doc: z.string(),
  line: z.number().int(),
  date: zDate,
  item: zCode,
  name: z.string().optional(),
  kind: z.enum(['issue', 'consume']),
  /** Signed as costing counts it: drawn is positive, returned negative. */
  qty: zDecimal,
  /** The item's unit cost of the period (its value goes to the order per item, rule 2). */
  unitCost: z.string().nullable(),
});
export const zOrderCostDetail = z.object({
  period: zMonth,
  order: zOrderCostLine,
  /** Per item: the order's net quantity and its share of the item's value (rule 2). */
  materials: z.array(
    z.object({ item: zCode, name: z.string().optional(), qty: zDecimal, value: zAmount }),
  ),
  lines: z.array(zOrderMaterialLine),
  /** Its receipts of the period at their computed cost (step 5: the output shared by qty). */
  receipts: z.array(
    z.object({
      doc: z.string(),
      line: z.number().int(),
      date: zDate,
      item: zCode,
      qty: zDecimal,
      value: zAmount,
    }),
  ),
});
export type OrderCostDetail = z.infer<typeof zOrderCostDetail>;
