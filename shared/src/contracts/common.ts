import * as z from 'zod';
import { MAX_AMOUNT_TEXT, MAX_AMOUNT_YUAN } from '../money.js';
import {
  DECIMAL_PATTERN,
  QTY_MAX_DECIMALS,
  QTY_MAX_INTEGER_DIGITS,
  QTY_PATTERN,
  isPlainDecimal,
  isQtyInRange,
  qty,
} from '../quantity.js';

/** Codes are keys in the table: no '#', no spaces, short. */
export const zCode = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { message: '编码只能包含字母、数字和 . _ / -' });

export const zName = z.string().trim().min(1).max(200);

/**
 * What a request body may be (issue 19): a Lambda invoked by API Gateway carries at most 6 MB
 * of request, the body inside an event with its headers; 5 MB leaves room for them. Larger
 * files go through a presigned upload (POST /api/imports/uploads) instead.
 */
export const MAX_INLINE_BODY_BYTES = 5 * 1024 * 1024;
/** A file sent inline, base64 in a JSON body: at most 3.5 MB decoded (4.7 MB of base64). */
export const MAX_INLINE_FILE_BYTES = 3.5 * 1024 * 1024;
/** The base64 text of MAX_INLINE_FILE_BYTES. */
export const MAX_INLINE_BASE64_CHARS = Math.ceil(MAX_INLINE_FILE_BYTES / 3) * 4;

/** Decimal text as responses carry it (signed; computed values may have more digits). */
export const zDecimal = z.string().regex(DECIMAL_PATTERN, { message: '请输入数字，如 12.5' });

const QTY_RANGE_MESSAGE = `超出范围：最多 ${QTY_MAX_INTEGER_DIGITS} 位整数、${QTY_MAX_DECIMALS} 位小数`;

/**
 * A quantity as requests and files carry it, in the one range the product computes exactly
 * (quantity.ts): decimal text of at most 12 integer digits and 6 decimals. Plain decimal text
 * beyond that is told so; anything else is "not a decimal".
 */
export const zQuantityText = z.string().regex(QTY_PATTERN, {
  error: (issue) =>
    typeof issue.input === 'string' && isPlainDecimal(issue.input)
      ? QTY_RANGE_MESSAGE
      : '请输入数字，如 12.5',
});
/**
 * A range check on a quantity. zod still runs refinements after the pattern failed, so text
 * that is not a quantity passes here and is reported once, by the pattern.
 */
const quantityWhere = (test: (v: ReturnType<typeof qty>) => boolean, message: string) =>
  zQuantityText.refine((v) => !isQtyInRange(v) || test(qty(v)), { message });

export const zQty = quantityWhere((v) => v.greaterThanOrEqualTo(0), '数量不能为负');
export const zPositiveQty = quantityWhere((v) => v.greaterThan(0), '数量必须大于 0');
export const zRate = quantityWhere(
  (v) => v.greaterThanOrEqualTo(0) && v.lessThan(1),
  '比率应在 0 到 1 之间',
);

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const zDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '请输入日期，如 2026-12-31' })
  .refine(isRealDate, { message: '不是有效日期' });

export const zTimestamp = z.string().datetime();
export const zVersion = z.number().int().min(1);

const MONEY_MAX_SCALE = 8;

export const zMoney = z.strictObject({
  amount: z.number().int(),
  scale: z.number().int().min(0).max(MONEY_MAX_SCALE),
  currency: z.literal('CNY'),
});

/**
 * A scale the money check accepts. Refinements run even when the scale itself was refused, and
 * 10^scale of a refused one (1e300) is beyond what decimal.js-light computes (it throws rather
 * than give Infinity): such money is reported at its scale, not computed with.
 */
export function isMoneyScale(scale: unknown): scale is number {
  return Number.isInteger(scale) && (scale as number) >= 0 && (scale as number) <= MONEY_MAX_SCALE;
}

/** A unit cost taken in: money (more decimals than fen allowed), not negative, at most the max amount. */
export const zUnitCost = zMoney.refine(
  (m) =>
    !Number.isSafeInteger(m.amount) ||
    !isMoneyScale(m.scale) ||
    (m.amount >= 0 && qty(m.amount).div(qty(10).pow(m.scale)).lte(MAX_AMOUNT_YUAN)),
  { message: `单价应在 0 到 ${MAX_AMOUNT_TEXT} 之间`, path: ['amount'] },
);

/** Paging: an opaque cursor the server issued, and a page size. */
export const zPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
  q: z.string().trim().max(100).optional(),
});
export type PageQuery = z.infer<typeof zPageQuery>;

export function zPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type Page<T> = { items: T[]; nextCursor: string | null };

export const zFieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string().optional(),
});

export const zErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    issues: z.array(zFieldIssue).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof zErrorResponse>;

export const zCodeParams = z.strictObject({ code: zCode });

/**
 * What people read beside a document's codes: each item's name and unit name, each
 * warehouse's name. Only on reads; the phone shows names with codes and units with quantities.
 */
export const zDocumentLabels = z.object({
  items: z.record(z.string(), z.object({ name: z.string(), unit: z.string() })),
  warehouses: z.record(z.string(), z.string()),
  /** People named on the document (workers, clerks): userid → name. */
  users: z.record(z.string(), z.string()).optional(),
});
export type DocumentLabels = z.infer<typeof zDocumentLabels>;
