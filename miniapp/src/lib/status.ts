/** Sales order statuses and their zh-CN labels (the API's status enum -> what people read). */
const LABELS: Record<string, string> = {
  draft: '草稿',
  pending: '审批中',
  pendingApproval: '审批中',
  submitted: '审批中',
  confirmed: '已确认',
  approved: '已确认',
  rejected: '已驳回',
  cancelled: '已取消',
  canceled: '已取消',
  closed: '已关闭',
};

const TONES: Record<string, string> = {
  draft: 'draft',
  pending: 'pending',
  pendingApproval: 'pending',
  submitted: 'pending',
  confirmed: 'confirmed',
  approved: 'confirmed',
  rejected: 'rejected',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  closed: 'cancelled',
};

export function statusLabel(status: string): string {
  return LABELS[status] ?? status;
}

export function statusTone(status: string): string {
  return TONES[status] ?? 'draft';
}

/** Approval decisions. */
export function decisionLabel(status: string): string {
  return (
    { pending: '待审批', approved: '已同意', rejected: '已驳回', cancelled: '已撤销' }[status] ??
    status
  );
}
