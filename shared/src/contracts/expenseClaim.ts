import * as z from 'zod';
import { zCode, zDate, zMoney, zName, zVersion } from './common.js';

/**
 * Expense claims (费用报销, issue 16; DOMAIN.md "Office (OA) and management on the phone",
 * "Costing" rule 4; docs/claims.md): the tenant's expense categories, each mapped to a costing
 * pool or marked a period expense (期间费用, never in a pool), and the claims employees enter,
 * submit through the approval engine and finance marks paid.
 */

/** The largest amount of one claim line: ¥1,000,000.00. */
export const MAX_CLAIM_LINE_YUAN = '1000000.00';
export const MAX_CLAIM_LINES = 50;
/** Attachment ids per line (receipt photos; the attachment store comes with issue 16 part 2). */
export const MAX_CLAIM_RECEIPTS = 20;

export const zExpenseCategoryInput = z
  .strictObject({
    name: zName,
    /** The costing pool the category's approved lines land in. */
    pool: zCode.optional(),
    /** A period expense (sales / administration): never enters a pool. */
    periodExpense: z.boolean().optional(),
    receiptRequired: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.pool !== undefined && v.periodExpense === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['periodExpense'],
        message: '期间费用类别不能指定费用池',
      });
    } else if (v.pool === undefined && v.periodExpense !== true) {
      ctx.addIssue({
        code: 'custom',
        path: ['pool'],
        message: '请指定费用池，或标明为期间费用（periodExpense: true）',
      });
    }
  });
export type ExpenseCategoryInput = z.infer<typeof zExpenseCategoryInput>;

export const zExpenseCategory = z.strictObject({
  code: zCode,
  name: zName,
  pool: zCode.optional(),
  periodExpense: z.boolean(),
  receiptRequired: z.boolean(),
  active: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type ExpenseCategory = z.infer<typeof zExpenseCategory>;

/** A claim amount in yuan: two decimals at most, above zero, at most ¥1,000,000.00. */
export const zClaimAmount = z
  .string()
  .regex(/^(0|[1-9]\d{0,6})(\.\d{1,2})?$/, { message: '金额应为最多两位小数的数，如 "128.50"' })
  .refine((v) => Number(v) > 0, { message: '金额必须大于 0' })
  .refine((v) => Number(v) <= Number(MAX_CLAIM_LINE_YUAN), {
    message: `单行金额最大 ¥1,000,000.00`,
  });

export const zExpenseClaimLineInput = z.strictObject({
  category: zCode,
  amount: zClaimAmount,
  /** The day the expense was incurred: decides the costing period it lands in. */
  date: zDate,
  department: zCode.optional(),
  workshop: zCode.optional(),
  note: z.string().trim().max(200).optional(),
  /** Ids of the receipt attachments (photos, files) of the line. */
  receipts: z.array(z.string().min(1).max(100)).max(MAX_CLAIM_RECEIPTS).optional(),
});
export type ExpenseClaimLineInput = z.infer<typeof zExpenseClaimLineInput>;

const zLines = z
  .array(zExpenseClaimLineInput)
  .min(1, { message: '至少一行费用' })
  .max(MAX_CLAIM_LINES, { message: `最多 ${MAX_CLAIM_LINES} 行` });

export const zExpenseClaimCreate = z.strictObject({
  title: z.string().trim().min(1).max(100).optional(),
  lines: zLines,
});
export type ExpenseClaimCreate = z.infer<typeof zExpenseClaimCreate>;

export const zExpenseClaimUpdate = z.strictObject({
  title: z.string().trim().min(1).max(100).optional(),
  lines: zLines.optional(),
  expectedVersion: zVersion.optional(),
});
export type ExpenseClaimUpdate = z.infer<typeof zExpenseClaimUpdate>;

export const zExpenseClaimSubmit = z.strictObject({ expectedVersion: zVersion.optional() });
export type ExpenseClaimSubmit = z.infer<typeof zExpenseClaimSubmit>;

export const zExpenseClaimPay = z.strictObject({
  /** The day the money went out. */
  paidOn: zDate,
  note: z.string().trim().max(200).optional(),
  expectedVersion: zVersion.optional(),
});
export type ExpenseClaimPay = z.infer<typeof zExpenseClaimPay>;

export const EXPENSE_CLAIM_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'paid'] as const;
export const zExpenseClaimStatus = z.enum(EXPENSE_CLAIM_STATUSES);
export type ExpenseClaimStatus = z.infer<typeof zExpenseClaimStatus>;

/** Where an approved line landed: a pool of a period, or nowhere (a period expense). */
export const zClaimLanding = z.union([
  z.strictObject({ pool: zCode, period: z.string(), entry: z.string() }),
  z.strictObject({ periodExpense: z.literal(true) }),
]);

export const zExpenseClaimLine = zExpenseClaimLineInput.extend({
  line: z.number().int().min(1),
  categoryName: z.string().optional(),
  money: zMoney,
  landing: zClaimLanding.optional(),
});
export type ExpenseClaimLine = z.infer<typeof zExpenseClaimLine>;

export const zExpenseClaim = z.strictObject({
  no: zCode,
  claimant: z.string(),
  /** The claimant's name as their session gave it when the claim was entered. */
  claimantName: z.string().optional(),
  title: z.string().optional(),
  status: zExpenseClaimStatus,
  lines: z.array(zExpenseClaimLine),
  total: zMoney,
  approvalId: z.string().optional(),
  version: zVersion,
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  submittedAt: z.string().optional(),
  decidedAt: z.string().optional(),
  paidOn: zDate.optional(),
  paidBy: z.string().optional(),
  paidNote: z.string().optional(),
});
export type ExpenseClaim = z.infer<typeof zExpenseClaim>;

export const zExpenseClaimParams = z.strictObject({ no: zCode });
/**
 * Which claims to list or export. `from`/`to` (inclusive) and `category` are about lines: a
 * claim matches when one of its lines is dated in the range (the expense's day, which decides
 * its costing period) and of the category; the export lists those lines. `q` searches the
 * number, the claimant, the title and the lines' notes (case-insensitive, contained).
 */
export const zExpenseClaimListQuery = z
  .strictObject({
    status: zExpenseClaimStatus.optional(),
    /** Finance and managers: one employee's claims (others see only their own). */
    claimant: z.string().min(1).max(100).optional(),
    from: zDate.optional(),
    to: zDate.optional(),
    category: zCode.optional(),
    q: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from !== undefined && v.to !== undefined && v.from > v.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    }
  });
export type ExpenseClaimListQuery = z.infer<typeof zExpenseClaimListQuery>;
