import * as z from 'zod';
import { zRole } from './auth.js';
import { MAX_AMOUNT_FEN, MAX_AMOUNT_TEXT } from '../money.js';
import { zCode, zMoney, zTimestamp, zVersion } from './common.js';

/**
 * Approvals: rules per document type (steps, each with an optional amount condition and its
 * approvers), and the approval of one document with its history.
 */
export const APPROVAL_DOC_TYPES = [
  'salesOrder',
  'ecn',
  'supplementaryIssue',
  'purchaseOrder',
  /** A concession (让步接收) of rejected quantity on an inspection order. */
  'concession',
  /** An expense claim (费用报销); amount thresholds by the claim total. */
  'expenseClaim',
  /** A request on a tenant's form (请假, 采购申请, 通用申请...); rules per form code. */
  'formRequest',
] as const;
export const zApprovalDocType = z.enum(APPROVAL_DOC_TYPES);
export type ApprovalDocType = z.infer<typeof zApprovalDocType>;

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export const zApprovalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof zApprovalStatus>;

export const APPROVAL_VIA = ['wecom', 'miniapp'] as const;
export const zApprovalVia = z.enum(APPROVAL_VIA);
export type ApprovalVia = z.infer<typeof zApprovalVia>;

/** Amounts in rules are integer fen (¥50,000.00 = 5000000). */
export const zFen = z
  .number({ message: '金额应为以分为单位的整数' })
  .int({ message: '金额应为以分为单位的整数' })
  .min(0, { message: '金额不能为负' })
  .max(MAX_AMOUNT_FEN, { message: `金额最大 ${MAX_AMOUNT_TEXT}` });

export const zApprovalRuleStep = z
  .strictObject({
    name: z.string().trim().min(1, { message: '请填写步骤名称' }).max(40),
    /** The step is needed only when the document amount is above this many fen. */
    amountAbove: zFen.optional(),
    /** Any one user holding one of these roles may decide the step ... */
    roles: z.array(zRole).max(10).default([]),
    /** ... or any one of these named users (WeCom userids). */
    users: z.array(zCode).max(50).default([]),
  })
  .refine((s) => s.roles.length + s.users.length > 0, {
    message: '每个步骤至少需要一个审批角色或审批人',
    path: ['roles'],
  });
export type ApprovalRuleStep = z.infer<typeof zApprovalRuleStep>;

export const zApprovalRule = z.strictObject({
  steps: z.array(zApprovalRuleStep).max(10, { message: '审批步骤最多 10 步' }),
});
export type ApprovalRule = z.infer<typeof zApprovalRule>;

export const zApprovalRuleSet = z.strictObject({
  salesOrder: zApprovalRule,
  ecn: zApprovalRule,
  /** Supplementary issues (补料); absent: the default rule. */
  supplementaryIssue: zApprovalRule.optional(),
  /** Purchase orders (采购订单), by amount including VAT; absent: the default rule. */
  purchaseOrder: zApprovalRule.optional(),
  /** Concessions (让步接收) of rejected goods; absent: the default rule (a manager decides). */
  concession: zApprovalRule.optional(),
  /** Expense claims (费用报销), by the claim total; absent: the default rule. */
  expenseClaim: zApprovalRule.optional(),
  /** Requests on a form without a rule of its own in `forms`; absent: the default (a manager). */
  formRequest: zApprovalRule.optional(),
  /** Requests on the form with this code (docs/forms.md); the amount is the request's. */
  forms: z
    .record(zCode, zApprovalRule)
    .refine((r) => Object.keys(r).length <= 100, { message: '表单审批规则最多 100 个' })
    .optional(),
});
export type ApprovalRuleSet = z.infer<typeof zApprovalRuleSet>;

export const zApprovalRules = z.object({
  rules: zApprovalRuleSet,
  /** 0 while the tenant still uses the defaults. */
  version: z.number().int().min(0),
  updatedAt: zTimestamp.optional(),
  updatedBy: z.string().optional(),
});
export type ApprovalRules = z.infer<typeof zApprovalRules>;

export const zApprovalRulesPut = z.strictObject({
  rules: zApprovalRuleSet,
  /** The version read (0 for the defaults); a stale one is 409 resource.versionConflict. */
  expectedVersion: z.number().int().min(0),
});
export type ApprovalRulesPut = z.infer<typeof zApprovalRulesPut>;

export const STEP_STATUSES = ['waiting', 'pending', 'approved', 'rejected', 'cancelled'] as const;
export const zStepStatus = z.enum(STEP_STATUSES);

export const zApprovalStep = z.object({
  /** 1-based. */
  step: z.number().int().min(1),
  name: z.string(),
  amountAbove: z.number().int().optional(),
  roles: z.array(zRole),
  users: z.array(z.string()),
  /** Who could decide, resolved from roles and users when the step started. */
  approvers: z.array(z.string()),
  status: zStepStatus,
  decidedBy: z.string().optional(),
  decidedAt: zTimestamp.optional(),
});
export type ApprovalStep = z.infer<typeof zApprovalStep>;

export const zApprovalHistoryEntry = z.object({
  at: zTimestamp,
  by: z.string(),
  action: z.enum(['submitted', 'approved', 'rejected', 'cancelled']),
  step: z.number().int().optional(),
  comment: z.string().optional(),
  via: zApprovalVia.optional(),
});
export type ApprovalHistoryEntry = z.infer<typeof zApprovalHistoryEntry>;

/**
 * `queued`: written to the outbox with the approval's change and waiting for the outbox
 * worker to deliver it; then `sent`, or `failed` once the worker gave up (after its retries).
 */
export const NOTIFY_STATUSES = ['queued', 'sent', 'failed', 'noRecipients'] as const;
/** What happened to the WeCom cards of one step (kept so failures can be inspected/retried). */
export const zApprovalNotification = z.object({
  step: z.number().int().min(1),
  status: z.enum(NOTIFY_STATUSES),
  at: zTimestamp,
  taskId: z.string(),
  recipients: z.array(z.string()),
  msgid: z.string().optional(),
  error: z.string().optional(),
  /** The last card update (已同意 / 已驳回 / 已撤销) and whether it went through. */
  update: z
    .object({
      label: z.string(),
      status: z.enum(['queued', 'sent', 'failed']),
      error: z.string().optional(),
    })
    .optional(),
});
export type ApprovalNotification = z.infer<typeof zApprovalNotification>;

/** The WeCom message telling the submitter of one step's decision. */
export const zApprovalDecisionNotice = z.object({
  step: z.number().int().min(1),
  decision: z.enum(['approved', 'rejected']),
  at: zTimestamp,
  /** The submitter. */
  to: z.string(),
  /**
   * `queued`: in the outbox, waiting for delivery; `skipped`: the submitter decided the step
   * themselves (a step naming them).
   */
  status: z.enum(['queued', 'sent', 'failed', 'skipped']),
  error: z.string().optional(),
});
export type ApprovalDecisionNotice = z.infer<typeof zApprovalDecisionNotice>;

export const zApproval = z.object({
  id: z.string(),
  docType: zApprovalDocType,
  docNo: z.string(),
  /** zh-CN summary for lists and cards. */
  title: z.string(),
  fields: z.array(z.object({ key: z.string(), value: z.string() })),
  amount: zMoney.optional(),
  status: zApprovalStatus,
  /** 1-based index of the step waiting for a decision (the last one when finished). */
  currentStep: z.number().int().min(1),
  steps: z.array(zApprovalStep),
  history: z.array(zApprovalHistoryEntry),
  submittedBy: z.string(),
  submittedByName: z.string().optional(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
  finishedAt: zTimestamp.optional(),
  version: zVersion,
  notifications: z.array(zApprovalNotification),
  /** One per decided step: the message to the submitter (absent on approvals read before). */
  notices: z.array(zApprovalDecisionNotice).optional(),
});
export type Approval = z.infer<typeof zApproval>;

/** One row of an approver's inbox. */
export const zInboxEntry = z.object({
  approvalId: z.string(),
  docType: zApprovalDocType,
  docNo: z.string(),
  title: z.string(),
  amount: zMoney.optional(),
  step: z.number().int().min(1),
  stepName: z.string(),
  submittedBy: z.string(),
  createdAt: zTimestamp,
  state: z.enum(['pending', 'decided']),
  decision: z.enum(['approved', 'rejected']).optional(),
  decidedAt: zTimestamp.optional(),
});
export type InboxEntry = z.infer<typeof zInboxEntry>;

export const zInboxQuery = z.strictObject({
  state: z.enum(['pending', 'decided']).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export type InboxQuery = z.infer<typeof zInboxQuery>;

export const zApprovalParams = z.strictObject({
  id: z.string().regex(/^[0-9A-Za-z]{1,40}$/, { message: '审批单号格式不正确' }),
});

export const zApprovalDecisionRequest = z.strictObject({
  comment: z.string().trim().max(500, { message: '意见最多 500 字' }).optional(),
});
export type ApprovalDecisionRequest = z.infer<typeof zApprovalDecisionRequest>;

/** A rejection says why (the submitter is told, and may change the document and resubmit). */
export const zRejectReason = z
  .string({ message: '请填写驳回原因' })
  .trim()
  .min(1, { message: '请填写驳回原因' })
  .max(500, { message: '原因最多 500 字' });

export const zApprovalRejectRequest = z.strictObject({ comment: zRejectReason });
export type ApprovalRejectRequest = z.infer<typeof zApprovalRejectRequest>;
