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
