import type { ApprovalDocType } from '@factory/shared';

/** The documents the approval engine decides, as people read them (inbox rows, modals). */
export const DOC_TYPE_LABELS: Record<ApprovalDocType, string> = {
  salesOrder: '销售订单',
  ecn: '工程变更',
  supplementaryIssue: '补料单',
  purchaseOrder: '采购订单',
  concession: '让步接收',
  expenseClaim: '费用报销',
  formRequest: '申请',
};

export const docTypeLabel = (docType: string): string =>
  DOC_TYPE_LABELS[docType as ApprovalDocType] ?? docType;

/**
 * Approvals whose inbox row shows the approval's own fields (物料, 数量, 缺陷...): those with no
 * page of their own to open.
 */
export const SHOWS_FIELDS: ReadonlySet<string> = new Set([
  'concession',
  'expenseClaim',
  'formRequest',
]);

/** What the approvals inbox checks before it asks to reject (the API checks the same). */
export const REJECT_REASON_REQUIRED = '请填写驳回原因';

/** The problem with a rejection's reason, or undefined when it may be sent. */
export function rejectReasonProblem(comment: string | undefined): string | undefined {
  return comment?.trim() ? undefined : REJECT_REASON_REQUIRED;
}

/**
 * What the viewer may do to a sales order: its rep (who entered it) or an admin edits, submits
 * and cancels it (a rejected one goes round again); an order imported from a file is changed
 * only by a new file. A manager who is not its rep decides it in 审批 (同意 / 驳回) and is not
 * offered 取消订单 on someone else's order.
 */
export function orderActions(
  order: { status: string; origin?: string; createdBy?: string },
  viewer: { user?: string; roles: readonly string[] },
): { edit: boolean; submit: boolean; cancel: boolean } {
  const mine =
    order.origin !== 'import' &&
    ((order.createdBy !== undefined && order.createdBy === viewer.user) ||
      viewer.roles.includes('admin'));
  const { status } = order;
  return {
    edit: mine && (status === 'draft' || status === 'rejected'),
    submit: mine && (status === 'draft' || status === 'rejected'),
    cancel: mine && (status === 'draft' || status === 'pending' || status === 'rejected'),
  };
}
