import * as z from 'zod';
import { MAX_INLINE_BODY_BYTES, zCode, zDate, zName, zPositiveQty, zQty, zRate } from './common.js';
import {
  zItemSource,
  zLotSizing,
  zPartnerRole,
  zPrecision,
  zStrategy,
  zWarehouseKind,
} from './masterData.js';
import { zLot } from './stock.js';

/**
 * The factory data file of ../shared/handbook/SCENARIO.md ("factory/1"). Every object is
 * strict: an unknown field is an error. Cross-references are checked by the domain
 * (functions/src/domain/factoryFile), which reports every problem with its path.
 */
const zIssueMethod = z.enum(['manual', 'backflush']);

/** The work calendar of a file: weekdays off (1 = Monday) and holidays. */
export const zFileCalendar = z.strictObject({
  nonWorkingWeekdays: z.array(z.number().int().min(1).max(7)).max(7),
  holidays: z.array(zDate),
});

export const zFileWarehouse = z.strictObject({
  code: zCode,
  name: zName,
  kind: zWarehouseKind,
  /** A `subcontractor` warehouse's subcontractor, a `customerSupplied` one's owner. */
  partner: zCode.optional(),
});

export const zFilePartner = z.strictObject({
  code: zCode,
  name: zName,
  roles: z.array(zPartnerRole).min(1),
});

export const zFileItem = z.strictObject({
  code: zCode,
  name: zName,
  unit: zCode,
  precision: zPrecision,
  source: zItemSource,
  strategy: zStrategy,
  leadTimeDays: z.number().int().min(0).max(365),
  safetyStock: zQty,
  lotSizing: zLotSizing,
  defaultWarehouse: zCode.optional(),
  defaultSupplier: zCode.optional(),
  /** A `customerSupplied` item's customer. */
  customer: zCode.optional(),
  /** Not in the SCENARIO example, but an item attribute of DOMAIN.md: receipts need inspection. */
  inspection: z.boolean().optional(),
  /** 允许销售; absent: derived on import (an item no BOM of the file uses as a component). */
  sellable: z.boolean().optional(),
});

const zFileBomLine = z.strictObject({
  component: zCode,
  qtyPer: zPositiveQty,
  lossRate: zRate.optional(),
  issueMethod: zIssueMethod.optional(),
  warehouse: zCode.optional(),
  position: z.string().max(64).optional(),
  note: z.string().max(200).optional(),
  substitutes: z
    .array(z.strictObject({ item: zCode, priority: z.number().int().min(1), ratio: zPositiveQty }))
    .optional(),
});

export const zFileBom = z.strictObject({
  parent: zCode,
  version: z.string().min(1).max(32),
  effectiveFrom: zDate.optional(),
  effectiveTo: zDate.optional(),
  lines: z.array(zFileBomLine).min(1),
});

const zOrderLine = z.strictObject({
  item: zCode,
  qty: zPositiveQty,
  received: zQty.optional(),
  dueDate: zDate,
  trackingNo: zCode.optional(),
});

const zIssued = z.array(z.strictObject({ item: zCode, qty: zQty }));

export const zFileTaskOrder = z.strictObject({
  no: zCode,
  item: zCode,
  qty: zPositiveQty,
  received: zQty.optional(),
  startDate: zDate,
  dueDate: zDate,
  trackingNo: zCode.optional(),
  issued: zIssued.optional(),
});

export const zFactoryFile = z.strictObject({
  format: z.literal('factory/1'),
  runDate: zDate,
  calendar: zFileCalendar.optional(),
  warehouses: z.array(zFileWarehouse),
  partners: z.array(zFilePartner),
  items: z.array(zFileItem),
  boms: z.array(zFileBom).optional(),
  stock: z
    .array(
      z.strictObject({
        item: zCode,
        warehouse: zCode,
        qty: zPositiveQty,
        status: z.enum(['available', 'inspection', 'rejected']).optional(),
        lot: zLot.optional(),
        trackingNo: zCode.optional(),
        /** The owner of a line in a `customerSupplied` warehouse. */
        customer: zCode.optional(),
      }),
    )
    .optional(),
  purchaseOrders: z
    .array(z.strictObject({ no: zCode, supplier: zCode, lines: z.array(zOrderLine).min(1) }))
    .optional(),
  taskOrders: z.array(zFileTaskOrder).optional(),
  outsourcingOrders: z.array(zFileTaskOrder.extend({ supplier: zCode })).optional(),
  salesOrders: z
    .array(
      z.strictObject({
        no: zCode,
        customer: zCode,
        /** `delivered` so far: only qty − delivered is demand (SCENARIO.md). */
        lines: z
          .array(zOrderLine.omit({ received: true }).extend({ delivered: zQty.optional() }))
          .min(1),
      }),
    )
    .optional(),
  forecasts: z
    .array(z.strictObject({ item: zCode, from: zDate, to: zDate, qty: zPositiveQty }))
    .optional(),
});
export type FactoryFile = z.infer<typeof zFactoryFile>;

export const zImportSummary = z.object({
  importId: z.string(),
  counts: z.record(z.string(), z.number().int()),
  stockDocument: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof zImportSummary>;

/** An import run as a job: answered 202 while it runs, read at /api/imports/{id}. */
export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export const zImportJob = z.object({
  importId: z.string(),
  status: z.enum(IMPORT_STATUSES),
  startedAt: z.string(),
  by: z.string(),
  finishedAt: z.string().optional(),
  /** Set once completed. */
  summary: zImportSummary.optional(),
  /** Set once failed: the error code and message the request would have answered. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /**
   * The worker's last run stopped unexpectedly (the store unreachable, the process gone): the
   * job is still running, and resumes when its worker runs again (AWS retries it) or when the
   * same file is imported again once the import's lock has run out (a minute).
   */
  interrupted: z.object({ at: z.string(), message: z.string() }).optional(),
  /**
   * How far a running job is (issue 19): the records written of all (in batches of 2,000),
   * then the opening stock being posted.
   */
  progress: z
    .object({
      phase: z.enum(['records', 'stock']),
      done: z.number().int(),
      total: z.number().int(),
    })
    .optional(),
});
export type ImportJob = z.infer<typeof zImportJob>;

export const zImportParams = z.object({ id: z.string().regex(/^[0-9A-Za-z]{1,64}$/) });

// ---- large files: a presigned upload, then the import from it (issue 19) -------------------

/** A factory file uploaded rather than sent inline: at most 32 MB of JSON. */
export const MAX_IMPORT_UPLOAD_BYTES = 32 * 1024 * 1024;

/** Where an upload is needed: a factory file above what the inline route takes. */
export const IMPORT_INLINE_LIMIT_BYTES = MAX_INLINE_BODY_BYTES;

export const zImportUploadCreate = z.strictObject({
  /** The file's size in bytes (the upload refuses a larger one). */
  size: z
    .number()
    .int()
    .min(1)
    .max(MAX_IMPORT_UPLOAD_BYTES, { message: '文件超过 32 MB：请按仓库或物料拆分后分批导入' }),
});
export type ImportUploadCreate = z.infer<typeof zImportUploadCreate>;

/** An upload id as the API makes them (a ULID; 16 to 64 letters and digits). */
export const zUploadId = z.string().regex(/^[0-9A-Za-z]{16,64}$/);

/** A presigned multipart POST of the file (fields first, then the file part `file`). */
export const zImportUpload = z.strictObject({
  uploadId: zUploadId,
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  fileField: z.literal('file'),
  contentType: z.literal('application/json'),
  maxBytes: z.number().int(),
  /** After this the upload is refused: ask for a new one. */
  expiresAt: z.string(),
});
export type ImportUpload = z.infer<typeof zImportUpload>;

export const zImportUploadParams = z.strictObject({ uploadId: zUploadId });
export type ImportUploadParams = z.infer<typeof zImportUploadParams>;
