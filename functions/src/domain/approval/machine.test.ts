import { AppError } from '@factory/shared';
import { aStep, anActor, anApproval, later, T0 } from './builders.js';
import {
  canDecide,
  cancelApproval,
  cardKeys,
  cardLabel,
  cardTaskId,
  decide,
  isInvolved,
  startApproval,
  stepOfCardTaskId,
} from './machine.js';

const manager = anActor('zhoujun', 'manager');
const admin = anActor('admin', 'admin');
const sales = anActor('zhangwei', 'sales');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
  return undefined;
}

describe('starting', () => {
  it('starts pending at step 1 with the submission in its history', () => {
    const a = anApproval();
    expect(a).toMatchObject({
      status: 'pending',
      currentStep: 1,
      version: 1,
      submittedBy: 'zhangwei',
      createdAt: T0.toISOString(),
    });
    expect(a.steps.map((s) => s.status)).toEqual(['pending']);
    expect(a.history).toEqual([{ at: T0.toISOString(), by: 'zhangwei', action: 'submitted' }]);
  });

  it('later steps wait; approvers are de-duplicated', () => {
    const a = anApproval({
      steps: [aStep(), aStep({ name: '老板', roles: [], users: ['boss'] })],
      approvers: [['zhoujun', 'zhoujun'], ['boss']],
    });
    expect(a.steps.map((s) => [s.step, s.status, s.approvers])).toEqual([
      [1, 'pending', ['zhoujun']],
      [2, 'waiting', ['boss']],
    ]);
  });

  it('refuses an approval without steps (the caller confirms the document instead)', () => {
    expect(() => anApproval({ steps: [] })).toThrow();
    expect(() => startApproval({ ...anApprovalInput(), steps: [] })).toThrow();
  });
});

function anApprovalInput() {
  return {
    id: 'X',
    docType: 'ecn' as const,
    docNo: 'ECN-1',
    title: 't',
    fields: [],
    submittedBy: 'u',
    steps: [aStep()],
    approvers: [[]],
    now: T0,
  };
}

describe('deciding', () => {
  it('one step: approving finishes the approval, with who, when, comment and channel', () => {
    const { approval, outcome, decidedStep } = decide(
      anApproval(),
      manager,
      { approve: true, comment: ' 同意 ', via: 'wecom' },
      later(5),
    );
    expect(outcome).toBe('approved');
    expect(decidedStep).toBe(1);
    expect(approval).toMatchObject({
      status: 'approved',
      version: 2,
      finishedAt: later(5).toISOString(),
    });
    expect(approval.steps[0]).toMatchObject({
      status: 'approved',
      decidedBy: 'zhoujun',
      decidedAt: later(5).toISOString(),
    });
    expect(approval.history.at(-1)).toEqual({
      at: later(5).toISOString(),
      by: 'zhoujun',
      action: 'approved',
      step: 1,
      comment: '同意',
      via: 'wecom',
    });
  });

  it('several steps: approve advances step by step, the last approval finishes', () => {
    const two = anApproval({
      steps: [aStep(), aStep({ name: '管理员', roles: ['admin'] })],
      approvers: [['zhoujun'], ['admin']],
    });
    const first = decide(two, manager, { approve: true, via: 'miniapp' }, later(1));
    expect(first.outcome).toBe('advanced');
    expect(first.approval).toMatchObject({ status: 'pending', currentStep: 2, version: 2 });
    expect(first.approval.finishedAt).toBeUndefined();
    expect(first.approval.steps.map((s) => s.status)).toEqual(['approved', 'pending']);
    // The manager is not an approver of step 2.
    expect(
      codeOf(() => decide(first.approval, manager, { approve: true, via: 'miniapp' }, later(2))),
    ).toBe('approval.notApprover');
    const second = decide(first.approval, admin, { approve: true, via: 'miniapp' }, later(3));
    expect(second.outcome).toBe('approved');
    expect(second.decidedStep).toBe(2);
    expect(second.approval.steps.map((s) => s.status)).toEqual(['approved', 'approved']);
    expect(second.approval.history.map((h) => h.action)).toEqual([
      'submitted',
      'approved',
      'approved',
    ]);
  });

  it('a decision for a step that is no longer current (an old card) is refused', () => {
    const two = anApproval({ steps: [aStep(), aStep({ roles: ['manager'] })] });
    const advanced = decide(two, manager, { approve: true, via: 'wecom', step: 1 }, later(1));
    expect(advanced.approval.currentStep).toBe(2);
    expect(
      codeOf(() =>
        decide(advanced.approval, manager, { approve: true, via: 'wecom', step: 1 }, later(2)),
      ),
    ).toBe('approval.alreadyDecided');
    expect(
      decide(advanced.approval, manager, { approve: true, via: 'wecom', step: 2 }, later(2))
        .outcome,
    ).toBe('approved');
  });

  it('reads the step from a card task id of the same approval only', () => {
    expect(stepOfCardTaskId('SO-1', 'ap-SO-1-2')).toBe(2);
    expect(stepOfCardTaskId('SO-1', 'ap-SO-12-2')).toBeUndefined();
    expect(stepOfCardTaskId('SO-1', 'ap-SO-1-x')).toBeUndefined();
    expect(stepOfCardTaskId('SO-1', undefined)).toBeUndefined();
  });

  it('rejecting any step rejects the approval; later steps are cancelled', () => {
    const two = anApproval({ steps: [aStep(), aStep({ roles: ['admin'] })] });
    const r = decide(
      two,
      manager,
      { approve: false, comment: '价格过低', via: 'miniapp' },
      later(1),
    );
    expect(r.outcome).toBe('rejected');
    expect(r.approval.status).toBe('rejected');
    expect(r.approval.steps.map((s) => s.status)).toEqual(['rejected', 'cancelled']);
    expect(r.approval.history.at(-1)).toMatchObject({ action: 'rejected', comment: '价格过低' });
  });

  it('a finished approval cannot be decided again: approval.alreadyDecided', () => {
    const done = decide(
      anApproval(),
      manager,
      { approve: true, via: 'miniapp' },
      later(1),
    ).approval;
    expect(codeOf(() => decide(done, manager, { approve: false, via: 'miniapp' }, later(2)))).toBe(
      'approval.alreadyDecided',
    );
  });

  it('who may decide: resolved approvers, named users, role holders; nobody else', () => {
    const a = anApproval({
      steps: [aStep({ roles: ['manager'], users: ['lina'] })],
      approvers: [['wuhao']],
    });
    expect(canDecide(a, anActor('wuhao', 'engineer'))).toBe(true);
    expect(canDecide(a, anActor('lina', 'planner'))).toBe(true);
    expect(canDecide(a, anActor('newboss', 'manager'))).toBe(true);
    expect(canDecide(a, sales)).toBe(false);
    expect(codeOf(() => decide(a, sales, { approve: true, via: 'miniapp' }, later(1)))).toBe(
      'approval.notApprover',
    );
  });

  it('isInvolved: the submitter and the approvers of any step', () => {
    const a = anApproval({ steps: [aStep(), aStep({ roles: [], users: ['boss'] })] });
    expect(isInvolved(a, sales)).toBe(true);
    expect(isInvolved(a, anActor('boss', 'worker'))).toBe(true);
    expect(isInvolved(a, anActor('chenjie', 'worker'))).toBe(false);
  });
});

describe('duties', () => {
  const salesManager = anActor('zhangwei', 'sales', 'manager');

  it('the submitter is not among the approvers resolved for a step, even holding its role', () => {
    const a = anApproval({ approvers: [['zhangwei', 'zhoujun']] });
    expect(a.steps[0]!.approvers).toEqual(['zhoujun']);
  });

  it('the submitter cannot decide their own document, even holding the step role: approval.ownDocument', () => {
    const a = anApproval({ approvers: [['zhangwei', 'zhoujun']] });
    expect(canDecide(a, salesManager)).toBe(false);
    expect(codeOf(() => decide(a, salesManager, { approve: true, via: 'miniapp' }, later(1)))).toBe(
      'approval.ownDocument',
    );
    expect(
      codeOf(() =>
        decide(a, salesManager, { approve: false, comment: '撤回', via: 'wecom' }, later(1)),
      ),
    ).toBe('approval.ownDocument');
    expect(decide(a, manager, { approve: true, via: 'miniapp' }, later(1)).outcome).toBe(
      'approved',
    );
  });

  it('a step that names the submitter lets them decide it; a later step by role only does not', () => {
    const a = anApproval({
      steps: [aStep({ roles: ['manager'], users: ['zhangwei'] }), aStep({ roles: ['manager'] })],
      approvers: [
        ['zhangwei', 'zhoujun'],
        ['zhangwei', 'zhoujun'],
      ],
    });
    expect(a.steps.map((s) => s.approvers)).toEqual([['zhangwei', 'zhoujun'], ['zhoujun']]);
    const first = decide(a, salesManager, { approve: true, via: 'miniapp' }, later(1));
    expect(first.outcome).toBe('advanced');
    expect(
      codeOf(() =>
        decide(first.approval, salesManager, { approve: true, via: 'miniapp' }, later(2)),
      ),
    ).toBe('approval.ownDocument');
  });

  it('a rejection needs a reason: none, or only spaces, is approval.reasonRequired', () => {
    const a = anApproval();
    for (const comment of [undefined, '', '   ']) {
      expect(
        codeOf(() =>
          decide(
            a,
            manager,
            { approve: false, via: 'wecom', ...(comment !== undefined ? { comment } : {}) },
            later(1),
          ),
        ),
      ).toBe('approval.reasonRequired');
    }
    // Approving needs none.
    expect(decide(a, manager, { approve: true, via: 'wecom' }, later(1)).outcome).toBe('approved');
  });
});

describe('cancelling', () => {
  it('a pending approval is cancelled with its open steps', () => {
    const a = anApproval({ steps: [aStep(), aStep({ roles: ['admin'] })] });
    const c = cancelApproval(a, 'zhangwei', later(1), '客户取消');
    expect(c).toMatchObject({
      status: 'cancelled',
      version: 2,
      finishedAt: later(1).toISOString(),
    });
    expect(c.steps.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    expect(c.history.at(-1)).toMatchObject({
      action: 'cancelled',
      by: 'zhangwei',
      comment: '客户取消',
    });
  });

  it('a finished approval cannot be cancelled', () => {
    const done = decide(
      anApproval(),
      manager,
      { approve: false, comment: '不需要', via: 'miniapp' },
      later(1),
    ).approval;
    expect(codeOf(() => cancelApproval(done, 'zhangwei', later(2)))).toBe(
      'approval.alreadyDecided',
    );
  });
});

describe('cards', () => {
  it('task ids and keys follow the WeCom charset', () => {
    expect(cardTaskId('01JABCDEF', 2)).toBe('ap-01JABCDEF-2');
    expect(() => cardTaskId('bad id', 1)).toThrow();
    expect(cardKeys('01J')).toEqual({ approveKey: 'approve:01J', rejectKey: 'reject:01J' });
    expect([
      cardLabel('approved'),
      cardLabel('advanced'),
      cardLabel('rejected'),
      cardLabel('cancelled'),
    ]).toEqual(['已同意', '已同意', '已驳回', '已撤销']);
  });
});
