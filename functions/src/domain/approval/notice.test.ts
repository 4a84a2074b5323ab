import { aStep, anActor, anApproval, later } from './builders.js';
import { decide } from './machine.js';
import { decisionNoticeText, reasonNeededText } from './notice.js';

const manager = anActor('zhoujun', 'manager');
const admin = anActor('admin', 'admin');

describe('the submitter’s message about a decision', () => {
  const two = () =>
    anApproval({
      steps: [aStep(), aStep({ name: '总经理审批', roles: ['admin'] })],
      approvers: [['zhoujun'], ['admin']],
    });

  it('a step approved: who, which step, what comes next', () => {
    const r = decide(two(), manager, { approve: true, via: 'wecom' }, later(1));
    expect(decisionNoticeText(r.approval, r.decidedStep, r.outcome, '周军')).toBe(
      '【审批进度】您提交的销售订单 SO-20261125-0001，第 1 步「经理审批」已由 周军 同意\n' +
        '下一步：第 2 步「总经理审批」',
    );
  });

  it('the last step approved, with the comment', () => {
    const first = decide(two(), manager, { approve: true, via: 'wecom' }, later(1)).approval;
    const r = decide(
      first,
      admin,
      { approve: true, comment: '尽快发货', via: 'miniapp' },
      later(2),
    );
    expect(decisionNoticeText(r.approval, r.decidedStep, r.outcome, '管理员')).toBe(
      '【审批通过】您提交的销售订单 SO-20261125-0001 已审批通过\n第 2 步「总经理审批」：管理员 同意\n' +
        '意见：尽快发货',
    );
  });

  it('a rejection gives the reason; a sales order may be changed and resubmitted', () => {
    const r = decide(
      anApproval(),
      manager,
      { approve: false, comment: '价格偏低', via: 'miniapp' },
      later(1),
    );
    expect(decisionNoticeText(r.approval, r.decidedStep, r.outcome, '周军')).toBe(
      '【审批驳回】您提交的销售订单 SO-20261125-0001 已被 周军 驳回（第 1 步「经理审批」）\n' +
        '原因：价格偏低\n可在小程序中修改后重新提交',
    );
    const ecn = decide(
      anApproval({ docType: 'ecn', docNo: 'ECN-1' }),
      manager,
      { approve: false, comment: '用量不对', via: 'miniapp' },
      later(1),
    );
    expect(decisionNoticeText(ecn.approval, 1, ecn.outcome, '周军')).not.toContain('重新提交');
  });

  it('a card tap on 驳回 is answered with where to give the reason', () => {
    expect(reasonNeededText({ docType: 'supplementaryIssue', docNo: 'BL-1' })).toContain(
      '补料单 BL-1 未驳回',
    );
  });
});
