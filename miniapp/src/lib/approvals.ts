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

/** Sales orders that their rep may change and submit (a rejected one goes round again). */
export function orderActions(status: string): { edit: boolean; submit: boolean; cancel: boolean } {
  return {
    edit: status === 'draft' || status === 'rejected',
    submit: status === 'draft' || status === 'rejected',
    cancel: status === 'draft' || status === 'pending' || status === 'rejected',
  };
}
