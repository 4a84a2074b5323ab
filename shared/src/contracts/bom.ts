import * as z from 'zod';
import {
  MAX_INLINE_BASE64_CHARS,
  zCode,
  zDate,
  zDecimal,
  zPositiveQty,
  zRate,
  zTimestamp,
} from './common.js';
import { zItemSource } from './masterData.js';

export const zBomVersionName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, {
  message: '版本号只能包含字母、数字和 . _ -，最长 32 位',
});

export const ISSUE_METHODS = ['manual', 'backflush'] as const;
export const zIssueMethod = z.enum(ISSUE_METHODS);

export const zSubstitute = z.strictObject({
  item: zCode,
  priority: z.number().int().min(1).max(99),
  /** Substitute quantity per unit of the component it replaces. */
  ratio: zPositiveQty,
});
export type Substitute = z.infer<typeof zSubstitute>;

export const zBomLine = z.strictObject({
  component: zCode,
  qtyPer: zPositiveQty,
  lossRate: zRate.default('0'),
  issueMethod: zIssueMethod.default('manual'),
  warehouse: zCode.optional(),
  position: z.string().max(64).optional(),
  note: z.string().max(200).optional(),
  substitutes: z.array(zSubstitute).max(20).default([]),
});
export type BomLine = z.infer<typeof zBomLine>;
export type BomLineInput = z.input<typeof zBomLine>;

export const BOM_VERSION_STATUSES = ['draft', 'approved', 'obsolete'] as const;
export const zBomVersionStatus = z.enum(BOM_VERSION_STATUSES);
export type BomVersionStatus = z.infer<typeof zBomVersionStatus>;

const MAX_LINES = 3000;

export const zBomVersion = z.object({
  parent: zCode,
  version: zBomVersionName,
  status: zBomVersionStatus,
  /** Approved versions: the default from this day ... */
  effectiveFrom: zDate.optional(),
  /** ... up to and including this day (open-ended when absent). */
  effectiveTo: zDate.optional(),
  lines: z.array(zBomLine),
  note: z.string().optional(),
  /** Optimistic lock for draft edits. */
  revision: z.number().int().min(1),
  /** The engineering change that approved this version. */
  ecn: z.string().optional(),
  createdAt: zTimestamp,
  createdBy: z.string(),
  updatedAt: zTimestamp,
  updatedBy: z.string(),
  approvedAt: zTimestamp.optional(),
  approvedBy: z.string().optional(),
});
export type BomVersion = z.infer<typeof zBomVersion>;

export const zBomVersionSummary = zBomVersion
  .omit({ lines: true })
  .extend({ lineCount: z.number().int() });
export type BomVersionSummary = z.infer<typeof zBomVersionSummary>;

/** A BOM's history: every version, newest first, and the ECN that made each. */
export const zBomHistory = z.object({
  parent: zCode,
  versions: z.array(zBomVersionSummary),
});
export type BomHistory = z.infer<typeof zBomHistory>;

export const zBomDraftCreate = z
  .strictObject({
    version: zBomVersionName,
    /** Start from the lines of this version; otherwise `lines` is required. */
    copyFrom: zBomVersionName.optional(),
    lines: z.array(zBomLine).max(MAX_LINES).optional(),
    note: z.string().max(500).optional(),
  })
  .refine((d) => d.copyFrom !== undefined || d.lines !== undefined, {
    message: '请提供物料清单行，或指定要复制的版本',
    path: ['lines'],
  });
export type BomDraftCreate = z.infer<typeof zBomDraftCreate>;

export const zBomDraftUpdate = z.strictObject({
  expectedRevision: z.number().int().min(1),
  lines: z.array(zBomLine).max(MAX_LINES).optional(),
  note: z.string().max(500).nullable().optional(),
});
export type BomDraftUpdate = z.infer<typeof zBomDraftUpdate>;

export const zBomParams = z.strictObject({ item: zCode });
export const zBomVersionParams = z.strictObject({ item: zCode, version: zBomVersionName });

// ---- explosion and where-used -------------------------------------------------------------

export const zExplosionQuery = z.strictObject({
  qty: zPositiveQty.default('1'),
  date: zDate.optional(),
  /** Explode a given version of the top item instead of the one effective at the date. */
  version: zBomVersionName.optional(),
});
export type ExplosionQuery = z.infer<typeof zExplosionQuery>;

export type ExplosionNode = {
  item: string;
  name?: string;
  level: number;
  source: z.infer<typeof zItemSource>;
  phantom: boolean;
  /** Quantity per one parent, as on the BOM line. */
  qtyPer: string;
  lossRate: string;
  /** Required for the exploded quantity, loss included, through every level above. */
  qty: string;
  issueMethod?: z.infer<typeof zIssueMethod>;
  /** The BOM version this node was exploded with (absent for leaves). */
  version?: string;
  /** Item codes from the top item down to this node. */
  path: string[];
  children: ExplosionNode[];
};

export const zExplosionNode: z.ZodType<ExplosionNode> = z
  .lazy(() =>
    z.object({
      item: zCode,
      name: z.string().optional(),
      level: z.number().int(),
      source: zItemSource,
      phantom: z.boolean(),
      qtyPer: zDecimal,
      lossRate: zDecimal,
      qty: zDecimal,
      issueMethod: zIssueMethod.optional(),
      version: z.string().optional(),
      path: z.array(zCode),
      children: z.array(zExplosionNode),
    }),
  )
  .meta({ id: 'ExplosionNode' }); // a named component, so the OpenAPI document can refer to itself

export const zFlatRequirement = z.object({
  item: zCode,
  name: z.string().optional(),
  source: zItemSource,
  phantom: z.boolean(),
  /** Summed over every place the item appears. */
  qty: zDecimal,
  levels: z.array(z.number().int()),
  /** True when the item has no BOM of its own below (what is bought or made from nothing). */
  leaf: z.boolean(),
});
export type FlatRequirement = z.infer<typeof zFlatRequirement>;

export const zExplosion = z.object({
  item: zCode,
  qty: zDecimal,
  date: zDate,
  tree: zExplosionNode,
  flat: z.array(zFlatRequirement),
});
export type Explosion = z.infer<typeof zExplosion>;

export const zWhereUsedQuery = z.strictObject({
  levels: z.enum(['single', 'all']).default('single'),
  date: zDate.optional(),
});
export type WhereUsedQuery = z.infer<typeof zWhereUsedQuery>;

export const zWhereUsedEntry = z.object({
  parent: zCode,
  version: zBomVersionName,
  /** 1 = uses the component directly. */
  level: z.number().int(),
  qtyPer: zDecimal,
  /** True when the component appears only as a substitute on this BOM. */
  asSubstitute: z.boolean(),
  /** From the component up to this parent. */
  path: z.array(zCode),
  /** True when nothing uses this parent (a top item). */
  top: z.boolean(),
});
export type WhereUsedEntry = z.infer<typeof zWhereUsedEntry>;

export const zWhereUsed = z.object({
  component: zCode,
  date: zDate,
  entries: z.array(zWhereUsedEntry),
});
export type WhereUsed = z.infer<typeof zWhereUsed>;

// ---- engineering changes (ECN) ------------------------------------------------------------

/** Line fields an ECN may change on an existing line (the component stays). */
export const zBomLinePatch = z.strictObject({
  qtyPer: zPositiveQty.optional(),
  lossRate: zRate.optional(),
  issueMethod: zIssueMethod.optional(),
  warehouse: zCode.nullable().optional(),
  position: z.string().max(64).nullable().optional(),
  note: z.string().max(200).nullable().optional(),
  substitutes: z.array(zSubstitute).max(20).optional(),
});
export type BomLinePatch = z.infer<typeof zBomLinePatch>;

export const zLineChange = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('add'), line: zBomLine }),
  z.strictObject({ op: z.literal('remove'), component: zCode }),
  z.strictObject({ op: z.literal('change'), component: zCode, set: zBomLinePatch }),
  /** Put another item in the component's place; its quantity is the old one times `factor`. */
  z.strictObject({
    op: z.literal('replace'),
    component: zCode,
    with: zCode,
    factor: zPositiveQty.default('1'),
    /**
     * When the BOM already has `with`: merge into that line (its qtyPer grows by the old
     * quantity × factor, loss rates weighted by quantity; recorded as op `merge`) instead of
     * refusing the change. Batch changes always merge.
     */
    merge: z.boolean().optional(),
  }),
]);
export type LineChange = z.infer<typeof zLineChange>;

export const zEcnChange = z.discriminatedUnion('kind', [
  /** A new version of an approved BOM: the base version's lines with these changes. */
  z.strictObject({
    kind: z.literal('revise'),
    parent: zCode,
    /** Default: the version effective on the ECN's effective date. */
    baseVersion: zBomVersionName.optional(),
    /** Default: the next free "V<n>". */
    newVersion: zBomVersionName.optional(),
    lines: z.array(zLineChange).min(1).max(500),
  }),
  /** Approve a draft version as it stands. */
  z.strictObject({ kind: z.literal('release'), parent: zCode, version: zBomVersionName }),
]);
export type EcnChange = z.infer<typeof zEcnChange>;

export const zEcnCreate = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  /** The day the new versions become the default. Default: the day of approval. */
  effectiveDate: zDate.optional(),
  changes: z.array(zEcnChange).min(1).max(2000),
});
export type EcnCreate = z.infer<typeof zEcnCreate>;

/** `applying` is transient: an approval is writing the new versions. */
export const ECN_STATUSES = ['draft', 'submitted', 'applying', 'approved', 'rejected'] as const;
export const zEcnStatus = z.enum(ECN_STATUSES);

/**
 * One line's before and after, kept on the ECN forever. `merge`: the component was replaced by
 * an item the BOM already had; `before` is the component's line, `mergedWith` the
 * replacement's own line before the change and `after` the one line both became.
 */
export const zEcnLineRecord = z.object({
  component: zCode,
  op: z.enum(['add', 'remove', 'change', 'replace', 'merge']),
  before: zBomLine.nullable(),
  after: zBomLine.nullable(),
  mergedWith: zBomLine.optional(),
});
export type EcnLineRecord = z.infer<typeof zEcnLineRecord>;

export const zEcnRecord = z.object({
  parent: zCode,
  kind: z.enum(['revise', 'release']),
  baseVersion: zBomVersionName.nullable(),
  /** The base version's revision the change was prepared against. */
  baseRevision: z.number().int().nullable(),
  newVersion: zBomVersionName,
  lines: z.array(zEcnLineRecord),
});
export type EcnRecord = z.infer<typeof zEcnRecord>;

export const zAffectedOrder = z.object({
  kind: z.enum(['taskOrder', 'plannedOrder']),
  no: z.string(),
  item: zCode,
  qty: zDecimal,
  status: z.string(),
});
export type AffectedOrder = z.infer<typeof zAffectedOrder>;

export const zEcn = z.object({
  no: z.string(),
  status: zEcnStatus,
  reason: z.string(),
  effectiveDate: zDate.optional(),
  changes: z.array(zEcnChange),
  /** Before/after of every line, prepared at submission and fixed at approval. */
  records: z.array(zEcnRecord),
  affected: z.array(zAffectedOrder),
  revision: z.number().int(),
  createdAt: zTimestamp,
  createdBy: z.string(),
  submittedAt: zTimestamp.optional(),
  submittedBy: z.string().optional(),
  decidedAt: zTimestamp.optional(),
  decidedBy: z.string().optional(),
  comment: z.string().optional(),
  /** The approval started when the ECN was submitted (see approvals.get). */
  approvalId: z.string().optional(),
});
export type Ecn = z.infer<typeof zEcn>;

export const zEcnParams = z.strictObject({ no: z.string().min(1).max(64) });
export const zEcnDecision = z.strictObject({ comment: z.string().max(500).optional() });
/** Rejecting an ECN says why. */
export const zEcnReject = z.strictObject({
  comment: z
    .string({ message: '请填写驳回原因' })
    .trim()
    .min(1, { message: '请填写驳回原因' })
    .max(500, { message: '原因最多 500 字' }),
});
export const zEcnListQuery = z.strictObject({
  status: zEcnStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});

// ---- batch change -------------------------------------------------------------------------

export const zBatchAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('replace'), with: zCode, factor: zPositiveQty.default('1') }),
  z.strictObject({ kind: z.literal('setQtyPer'), qtyPer: zPositiveQty }),
  z.strictObject({ kind: z.literal('setLossRate'), lossRate: zRate }),
  z.strictObject({ kind: z.literal('remove') }),
]);
export type BatchAction = z.infer<typeof zBatchAction>;

const batchSelection = {
  component: zCode,
  /** Only BOMs whose parent code starts with this. */
  parentPrefix: z.string().max(64).optional(),
  /** Only BOMs whose parent item is in this category. */
  category: z.string().max(64).optional(),
  /** Which versions count: those effective on this day (default today). */
  date: zDate.optional(),
  action: zBatchAction,
};

export const zBatchPreviewRequest = z.strictObject(batchSelection);
export type BatchPreviewRequest = z.infer<typeof zBatchPreviewRequest>;

export const zBatchPreview = z.object({
  component: zCode,
  date: zDate,
  /** Every BOM selected: none is left out; one that cannot take the change names its problem. */
  entries: z.array(
    z.object({
      parent: zCode,
      version: zBomVersionName,
      op: z.enum(['replace', 'merge', 'change', 'remove']),
      /** The component's line (null only with a `problem`: the version no longer has it). */
      before: zBomLine.nullable(),
      after: zBomLine.nullable(),
      /** `merge`: the BOM already had the replacement; this was its line before the change. */
      mergedWith: zBomLine.optional(),
      /** zh-CN: what the change does to this BOM beyond before/after (a merge's rule). */
      note: z.string().optional(),
      /** zh-CN: why this BOM cannot take the change (the batch ECN is refused naming it). */
      problem: z.string().optional(),
    }),
  ),
});
export type BatchPreview = z.infer<typeof zBatchPreview>;

/** One ECN that applies the action to every selected BOM, all or nothing. */
export const zBatchEcnRequest = z.strictObject({
  ...batchSelection,
  reason: z.string().trim().min(1).max(500),
  effectiveDate: zDate.optional(),
});
export type BatchEcnRequest = z.infer<typeof zBatchEcnRequest>;

// ---- spreadsheets -------------------------------------------------------------------------

/** BOM lines from a CSV or XLSX sheet (header row first), replacing a draft's lines. */
export const zBomLinesImport = z.strictObject({
  format: z.enum(['csv', 'xlsx']),
  /** The file, base64-encoded: at most 3.5 MB decoded (a Lambda carries 6 MB, issue 19). */
  content: z
    .string()
    .min(1)
    .max(MAX_INLINE_BASE64_CHARS, { message: '文件超过 3.5 MB：请拆分后再导入（最多 3000 行）' }),
  expectedRevision: z.number().int().min(1),
});
export type BomLinesImport = z.infer<typeof zBomLinesImport>;
