import type { Approval, ApprovalDocType } from '@factory/shared';
import type { DecisionOutcome } from './machine.js';

export const DOC_LABEL: Record<ApprovalDocType, string> = {
  salesOrder: '销售订单',
  ecn: '工程变更单',
  supplementaryIssue: '补料单',
  purchaseOrder: '采购订单',
  concession: '让步接收',
  expenseClaim: '费用报销',
  formRequest: '申请',
};

/** Documents the submitter may change and submit again after a rejection. */
const RESUBMITTABLE: readonly ApprovalDocType[] = ['salesOrder', 'purchaseOrder'];

/**
 * The WeCom text telling the submitter of one step's decision (zh-CN): who decided which
 * step, what comes next, and for a rejection its reason. `approval` is the approval after the
 * decision; `decider` the decider's display name.
 */
export function decisionNoticeText(
  approval: Approval,
  step: number,
  outcome: DecisionOutcome,
  decider: string,
): string {
  const doc = `${DOC_LABEL[approval.docType]} ${approval.docNo}`;
  const decided = approval.steps[step - 1]!;
  const stepText = `第 ${step} 步「${decided.name}」`;
  const comment = approval.history.at(-1)?.comment;
  if (outcome === 'rejected') {
    return [
      `【审批驳回】您提交的${doc} 已被 ${decider} 驳回（${stepText}）`,
      `原因：${comment ?? ''}`,
      ...(RESUBMITTABLE.includes(approval.docType) ? ['可在小程序中修改后重新提交'] : []),
    ].join('\n');
  }
  const lines =
    outcome === 'approved'
      ? [`【审批通过】您提交的${doc} 已审批通过`, `${stepText}：${decider} 同意`]
      : [
          `【审批进度】您提交的${doc}，${stepText}已由 ${decider} 同意`,
          `下一步：第 ${approval.currentStep} 步「${approval.steps[approval.currentStep - 1]!.name}」`,
        ];
  return [...lines, ...(comment ? [`意见：${comment}`] : [])].join('\n');
}

/** The WeCom text telling an approver who tapped 驳回 on a card that a rejection needs a reason. */
export function reasonNeededText(approval: Pick<Approval, 'docType' | 'docNo'>): string {
  return [
    `【驳回需填写原因】${DOC_LABEL[approval.docType]} ${approval.docNo} 未驳回`,
    '请在小程序「审批」中填写驳回原因后驳回；同意仍可直接点卡片上的“同意”',
  ].join('\n');
}
