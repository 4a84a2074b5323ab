import * as z from 'zod';
import { isQtyInRange, qty } from '../quantity.js';
import { zCode, zDate, zName, zPositiveQty, zQty, zTimestamp, zVersion } from './common.js';
import { zLot } from './stock.js';

/**
 * Quality (DOMAIN.md "Quality"): inspection plans per item, the tenant's defect list,
 * inspection orders (检验单) opened by receipt lines, results by phone (final once posted,
 * corrected only by a reversing result) and dispositions of the rejected quantity.
 */

/** The receipts an item's plan may ask to inspect. */
export const INSPECTION_RECEIPT_KINDS = [
  'purchase',
  'outsourcing',
  'production',
  'customerReturn',
] as const;
export const zInspectionReceiptKind = z.enum(INSPECTION_RECEIPT_KINDS);
export type InspectionReceiptKind = z.infer<typeof zInspectionReceiptKind>;

/** A percentage above 0 and at most 100, exact decimal text. */
export const zSamplePercent = zPositiveQty.refine((v) => !isQtyInRange(v) || qty(v).lte(100), {
  message: '抽样比例应在 0 到 100 之间',
});

/**
 * One row of an AQL-style table: lots of at least `fromLot` (up to the next row's) are sampled
 * by `sample` units (never more than the lot).
 */
export const zSamplingTableRow = z.strictObject({ fromLot: zQty, sample: zPositiveQty });

const MAX_TABLE_ROWS = 30;

/** How many units of a lot are inspected: all, a fixed count, a percentage, or by lot size. */
export const zSamplingRule = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('full') }),
  z.strictObject({ rule: z.literal('fixed'), count: zPositiveQty }),
  z.strictObject({ rule: z.literal('percentage'), percent: zSamplePercent }),
  z.strictObject({
    rule: z.literal('table'),
    rows: z
      .array(zSamplingTableRow)
      .min(1, { message: '抽样表至少一行' })
      .max(MAX_TABLE_ROWS)
      .superRefine((rows, ctx) => {
        const valid = (v: unknown): v is string => typeof v === 'string' && isQtyInRange(v);
        const first = rows[0]?.fromLot;
        if (valid(first) && !qty(first).isZero()) {
          ctx.addIssue({
            code: 'custom',
            path: [0, 'fromLot'],
            message: '抽样表第一行应从批量 0 开始',
          });
        }
        rows.forEach((r, i) => {
          const prev = rows[i - 1]?.fromLot;
          if (i > 0 && valid(prev) && valid(r.fromLot) && qty(r.fromLot).lte(prev)) {
            ctx.addIssue({ code: 'custom', path: [i, 'fromLot'], message: '批量起点应逐行递增' });
          }
        });
      }),
  }),
]);
export type SamplingRule = z.infer<typeof zSamplingRule>;

/** Tenant-wide defect list (缺陷代码): a code, a name, a category (外观, 尺寸, 功能, …). */
export const zDefect = z.strictObject({
  code: zCode,
  name: zName,
  category: z.string().trim().min(1, { message: '请填写缺陷类别' }).max(32),
  active: z.boolean().default(true),
});
export type Defect = z.infer<typeof zDefect>;

const MAX_DEFECT_CODES = 200;

function uniqueStrings(message: string) {
  return (values: readonly unknown[], ctx: z.RefinementCtx) => {
    const seen = new Set<unknown>();
    values.forEach((v, i) => {
      if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message });
      seen.add(v);
    });
  };
}

/**
 * An item's inspection plan (检验方案): which receipts of the item are inspected, how many units
 * are sampled, and which defect codes apply (none listed: every active code of the tenant).
 */
export const zInspectionPlan = z.strictObject({
  item: zCode,
  receipts: z
    .array(zInspectionReceiptKind)
    .min(1, { message: '请至少选择一种需要检验的入库' })
    .superRefine(uniqueStrings('入库类型重复')),
  sampling: zSamplingRule,
  defects: z
    .array(zCode)
    .max(MAX_DEFECT_CODES)
    .superRefine(uniqueStrings('缺陷代码重复'))
    .optional(),
  note: z.string().max(200, { message: '备注最多 200 字' }).optional(),
});
export type InspectionPlan = z.infer<typeof zInspectionPlan>;

/** open (waiting for a result) -> inspected (rejected quantity awaits dispositions) -> disposed. */
export const INSPECTION_STATUSES = ['open', 'inspected', 'disposed'] as const;
export const zInspectionStatus = z.enum(INSPECTION_STATUSES);
export type InspectionStatus = z.infer<typeof zInspectionStatus>;

/** An inspection order (检验单): one per receipt line that needs inspection. */
export const zInspectionOrder = z.object({
  no: z.string(),
  receipt: z.object({
    kind: zInspectionReceiptKind,
    /** The receipt document (stock document number) and its line. */
    doc: z.string(),
    line: z.number().int().min(1),
  }),
  item: zCode,
  itemName: z.string().optional(),
  unit: z.string().optional(),
  qty: zPositiveQty,
  warehouse: zCode,
  lot: zLot.optional(),
  trackingNo: zCode.optional(),
  /** The purchase, outsourcing, task or sales order the receipt line was posted for. */
  source: z.object({ order: z.string(), line: z.number().int().min(1).optional() }).optional(),
  /** Supplier, subcontractor or customer (customer returns). */
  partner: zCode.optional(),
  status: zInspectionStatus,
  openedAt: zTimestamp,
  /** The result in force (not reversed), once there is one. */
  result: z.string().optional(),
  version: zVersion,
});
export type InspectionOrder = z.infer<typeof zInspectionOrder>;

const MAX_DEFECT_LINES = 50;
const MAX_PHOTOS = 9;

export const zDefectLine = z.strictObject({
  code: zCode,
  qty: zPositiveQty,
  /** Ids of uploaded photos. */
  photos: z
    .array(z.string().min(1).max(200))
    .max(MAX_PHOTOS, { message: '每项缺陷最多 9 张照片' })
    .optional(),
});
export type DefectLine = z.infer<typeof zDefectLine>;

/**
 * A result as the inspector enters it on the phone; inspector and time come from the session
 * and the clock. accepted + rejected must equal the order's quantity (checked in the domain).
 */
export const zInspectionResultInput = z.strictObject({
  sampled: zPositiveQty,
  accepted: zQty,
  rejected: zQty,
  defects: z
    .array(zDefectLine)
    .max(MAX_DEFECT_LINES)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((l, i) => {
        if (seen.has(l.code)) {
          ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `缺陷代码 ${l.code} 重复` });
        }
        seen.add(l.code);
      });
    })
    .default([]),
  note: z.string().max(500, { message: '备注最多 500 字' }).optional(),
});
export type InspectionResultInput = z.infer<typeof zInspectionResultInput>;

/** Reversing a posted result: it names the result and says why. */
export const zInspectionReversalInput = z.strictObject({
  reverses: z.string().min(1).max(64),
  reason: z.string().trim().min(1, { message: '请填写冲销原因' }).max(200),
});
export type InspectionReversalInput = z.infer<typeof zInspectionReversalInput>;

/**
 * A posted result. A reversing result carries the reversed result's quantities and names it in
 * `reverses`; the reversed one then carries `reversedBy`. Neither is ever edited.
 */
export const zInspectionResult = z.object({
  id: z.string(),
  order: z.string(),
  sampled: zQty,
  accepted: zQty,
  rejected: zQty,
  defects: z.array(zDefectLine),
  inspector: z.string(),
  inspectorName: z.string().optional(),
  at: zTimestamp,
  note: z.string().optional(),
  reverses: z.string().optional(),
  reversedBy: z.string().optional(),
});
export type InspectionResult = z.infer<typeof zInspectionResult>;

/** What may happen to rejected quantity. */
export const DISPOSITION_KINDS = ['returnToSupplier', 'scrap', 'rework', 'concession'] as const;
export const zDispositionKind = z.enum(DISPOSITION_KINDS);
export type DispositionKind = z.infer<typeof zDispositionKind>;

export const zDispositionLine = z.strictObject({
  kind: zDispositionKind,
  qty: zPositiveQty,
  note: z.string().max(200, { message: '备注最多 200 字' }).optional(),
  /** rework only: when the rework task order is due (default: today). */
  dueDate: zDate.optional(),
});
export type DispositionLine = z.infer<typeof zDispositionLine>;

/** The split of a result's rejected quantity (处置), each kind at most once. */
export const zDispositionInput = z.strictObject({
  lines: z
    .array(zDispositionLine)
    .min(1, { message: '请至少填写一项处置' })
    .max(DISPOSITION_KINDS.length)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((l, i) => {
        if (seen.has(l.kind)) {
          ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: '同一种处置只能填写一次' });
        }
        seen.add(l.kind);
      });
    }),
});
export type DispositionInput = z.infer<typeof zDispositionInput>;

/** A concession (让步接收) waits for its approval; other dispositions post with the split. */
export const CONCESSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const zConcessionStatus = z.enum(CONCESSION_STATUSES);

export const zDisposition = z.object({
  kind: zDispositionKind,
  qty: zQty,
  note: z.string().optional(),
  /** concession only: the approval and where it stands. */
  approval: z.object({ id: z.string(), status: zConcessionStatus }).optional(),
  /** returnToSupplier: the return document; scrap: the scrap issue; rework: the task order. */
  doc: z.string().optional(),
  at: zTimestamp.optional(),
  by: z.string().optional(),
  byName: z.string().optional(),
});
export type Disposition = z.infer<typeof zDisposition>;

// ---- the API of the defect list and the inspection plans (deliverable 1) ----------------------

const zPageLimit = z.coerce.number().int().min(1).max(200).default(50);
const zCursor = z.string().max(2000).optional();

/** A new defect code of the tenant (409 resource.exists when the code is taken). */
export const zDefectCreate = zDefect;
export type DefectCreate = z.infer<typeof zDefectCreate>;

/** Change a defect's name, category or whether it is active; expectedVersion must match. */
export const zDefectUpdate = z.strictObject({
  expectedVersion: zVersion,
  name: zName.optional(),
  category: zDefect.shape.category.optional(),
  active: z.boolean().optional(),
});
export type DefectUpdate = z.infer<typeof zDefectUpdate>;

/** By category and by active state, in code order. */
export const zDefectListQuery = z.strictObject({
  category: z.string().trim().min(1).max(32).optional(),
  active: z.enum(['true', 'false']).optional(),
  limit: zPageLimit,
  cursor: zCursor,
});
export type DefectListQuery = z.infer<typeof zDefectListQuery>;

/** A stored defect code. */
export const zDefectRecord = z.object({
  code: z.string(),
  name: z.string(),
  category: z.string(),
  active: z.boolean(),
  version: zVersion,
  updatedAt: zTimestamp.optional(),
  updatedBy: z.string().optional(),
});
export type DefectRecord = z.infer<typeof zDefectRecord>;

/** An item's plan is set whole (PUT); expectedVersion absent: there must be none yet. */
export const zInspectionPlanPut = zInspectionPlan.omit({ item: true }).extend({
  expectedVersion: zVersion.optional(),
});
export type InspectionPlanPut = z.infer<typeof zInspectionPlanPut>;

export const zInspectionPlanParams = z.strictObject({ item: zCode });
export type InspectionPlanParams = z.infer<typeof zInspectionPlanParams>;

/** By receipt kind (the plans that inspect it), in item order. */
export const zInspectionPlanListQuery = z.strictObject({
  receipt: zInspectionReceiptKind.optional(),
  limit: zPageLimit,
  cursor: zCursor,
});
export type InspectionPlanListQuery = z.infer<typeof zInspectionPlanListQuery>;

export const zInspectionPlanDeleteQuery = z.strictObject({
  expectedVersion: z.coerce.number().int().min(1),
});
export type InspectionPlanDeleteQuery = z.infer<typeof zInspectionPlanDeleteQuery>;

/** A stored plan, with the item's name and unit for display. */
export const zInspectionPlanRecord = z.object({
  item: z.string(),
  itemName: z.string().optional(),
  unit: z.string().optional(),
  receipts: z.array(zInspectionReceiptKind),
  sampling: zSamplingRule,
  defects: z.array(z.string()).optional(),
  note: z.string().optional(),
  version: zVersion,
  updatedAt: zTimestamp.optional(),
  updatedBy: z.string().optional(),
});
export type InspectionPlanRecord = z.infer<typeof zInspectionPlanRecord>;

export const zInspectionPlanDeleted = z.object({ item: z.string(), deleted: z.literal(true) });
export type InspectionPlanDeleted = z.infer<typeof zInspectionPlanDeleted>;

// ---- the API of inspection orders, results, dispositions and reports (deliverables 2-5) -----

/** pending = open or inspected (waiting for a result or for dispositions). */
export const zInspectionListStatus = z.enum(['pending', ...INSPECTION_STATUSES]);

/** Oldest first; `receipt` finds the orders of a receipt document (or one order by its no). */
export const zInspectionListQuery = z.strictObject({
  status: zInspectionListStatus.default('pending'),
  kind: zInspectionReceiptKind.optional(),
  item: zCode.optional(),
  warehouse: zCode.optional(),
  receipt: z.string().trim().min(1).max(64).optional(),
  limit: zPageLimit,
  cursor: zCursor,
});
export type InspectionListQuery = z.infer<typeof zInspectionListQuery>;

export const zInspectionParams = z.strictObject({ no: z.string().min(1).max(80) });
export type InspectionParams = z.infer<typeof zInspectionParams>;

/** An order as stored: with its results (reversed ones too) and dispositions. */
export const zInspectionRecord = zInspectionOrder.extend({
  results: z.array(zInspectionResult).default([]),
  dispositions: z.array(zDisposition).default([]),
});
export type InspectionRecord = z.infer<typeof zInspectionRecord>;

/** An order as listed and read. */
export const zInspectionView = zInspectionRecord.extend({
  /** Rejected quantity of the result in force not yet split over dispositions. */
  undisposed: zQty,
  /** The plan's sample for this lot, when the item has a plan. */
  requiredSample: zQty.optional(),
  partnerName: z.string().optional(),
  warehouseName: z.string().optional(),
});
export type InspectionView = z.infer<typeof zInspectionView>;

/** What the inspection form needs besides the order: the defect codes that may be named. */
export const zInspectionDetail = zInspectionView.extend({
  precision: z.number().int().min(0),
  defectChoices: z.array(z.object({ code: z.string(), name: z.string(), category: z.string() })),
});
export type InspectionDetail = z.infer<typeof zInspectionDetail>;

/** A result or reversal posted: the order after it and the stock document of its moves. */
export const zInspectionResultPosted = z.object({
  inspection: zInspectionView,
  result: zInspectionResult,
  document: z.string().optional(),
});
export type InspectionResultPosted = z.infer<typeof zInspectionResultPosted>;

/** Dispositions posted: the order after them and the documents they made. */
export const zInspectionDisposed = z.object({
  inspection: zInspectionView,
  dispositions: z.array(zDisposition),
  documents: z.array(z.string()),
});
export type InspectionDisposed = z.infer<typeof zInspectionDisposed>;

const MAX_REPORT_DAYS = 400;
const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** A date range of at most 400 days. */
function rangeChecked<T extends { from?: unknown; to?: unknown }>(q: T, ctx: z.RefinementCtx) {
  if (typeof q.from !== 'string' || typeof q.to !== 'string') return;
  if (q.from > q.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  } else if (daysBetween(q.from, q.to) > MAX_REPORT_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `日期范围最多 ${MAX_REPORT_DAYS} 天` });
  }
}

export const zPassRateReportQuery = z
  .strictObject({
    by: z.enum(['supplier', 'item', 'month']).default('month'),
    from: zDate,
    to: zDate,
    item: zCode.optional(),
    partner: zCode.optional(),
    kind: zInspectionReceiptKind.optional(),
  })
  .superRefine(rangeChecked);
export type PassRateReportQuery = z.infer<typeof zPassRateReportQuery>;

export const zPassRateRow = z.object({
  key: z.string(),
  name: z.string().optional(),
  inspected: zQty,
  accepted: zQty,
  rejected: zQty,
  conceded: zQty,
  /** accepted ÷ inspected to 4 decimals, half up; null when nothing was inspected. */
  passRate: z.string().nullable(),
});
export const zPassRateReport = z.object({
  by: z.enum(['supplier', 'item', 'month']),
  from: zDate,
  to: zDate,
  rows: z.array(zPassRateRow),
  total: zPassRateRow,
});
export type PassRateReport = z.infer<typeof zPassRateReport>;

export const zDefectParetoQuery = z
  .strictObject({
    from: zDate,
    to: zDate,
    item: zCode.optional(),
    partner: zCode.optional(),
    kind: zInspectionReceiptKind.optional(),
  })
  .superRefine(rangeChecked);
export type DefectParetoQuery = z.infer<typeof zDefectParetoQuery>;

export const zDefectPareto = z.object({
  from: zDate,
  to: zDate,
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string().optional(),
      category: z.string().optional(),
      qty: zQty,
      share: z.string(),
      cumulative: z.string(),
    }),
  ),
});
export type DefectPareto = z.infer<typeof zDefectPareto>;

/** Pending inspections by how long they have waited (whole days since opened, Shanghai). */
export const zInspectionAgeReport = z.object({
  asOf: zTimestamp,
  buckets: z.array(
    z.object({
      label: z.string(),
      minDays: z.number().int(),
      maxDays: z.number().int().nullable(),
      count: z.number().int(),
    }),
  ),
  /** The oldest pending orders, oldest first (at most 20). */
  oldest: z.array(zInspectionOrder.extend({ ageDays: z.number().int() })),
});
export type InspectionAgeReport = z.infer<typeof zInspectionAgeReport>;
