import {
  AppError,
  type Approval,
  type ApprovalDocType,
  type ApprovalRuleStep,
  type ApprovalStep,
  type ApprovalVia,
  type MoneySnapshot,
  type Role,
} from '@factory/shared';

/**
 * The approval state machine. An approval is pending while a step waits for a decision; any
 * one approver of the current step decides it (any-one-of). Approving the last step approves
 * the approval, rejecting any step rejects it (with a reason), withdrawing the document
 * cancels it. The submitter never decides their own document, unless a step names them as
 * one of its users. Pure: the clock and the resolved approvers are passed in.
 */
export type Actor = { user: string; roles: readonly Role[] };

export type StartInput = {
  id: string;
  docType: ApprovalDocType;
  docNo: string;
  title: string;
  fields: { key: string; value: string }[];
  amount?: MoneySnapshot;
  submittedBy: string;
  submittedByName?: string;
  steps: readonly ApprovalRuleStep[];
  /** Users resolved for each step's roles and named users (same order as steps). */
  approvers: readonly (readonly string[])[];
  now: Date;
};

/**
 * The submitter may decide a step only when the step names them (`users`); holding one of its
 * roles is not enough. Duties stay apart: nobody approves what they asked for.
 */
export function submitterMayDecide(
  step: Pick<ApprovalRuleStep, 'users'>,
  submittedBy: string,
): boolean {
  return step.users.includes(submittedBy);
}

export function startApproval(input: StartInput): Approval {
  if (input.steps.length === 0) throw new Error('an approval needs at least one step');
  const at = input.now.toISOString();
  const steps: ApprovalStep[] = input.steps.map((s, i) => ({
    step: i + 1,
    name: s.name,
    ...(s.amountAbove !== undefined ? { amountAbove: s.amountAbove } : {}),
    roles: [...s.roles],
    users: [...s.users],
    approvers: [...new Set(input.approvers[i] ?? [])].filter(
      (u) => u !== input.submittedBy || submitterMayDecide(s, input.submittedBy),
    ),
    status: i === 0 ? 'pending' : 'waiting',
  }));
  return {
    id: input.id,
    docType: input.docType,
    docNo: input.docNo,
    title: input.title,
    fields: input.fields,
    ...(input.amount ? { amount: input.amount } : {}),
    status: 'pending',
    currentStep: 1,
    steps,
    history: [{ at, by: input.submittedBy, action: 'submitted' }],
    submittedBy: input.submittedBy,
    ...(input.submittedByName ? { submittedByName: input.submittedByName } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1,
    notifications: [],
  };
}

export function currentStep(a: Approval): ApprovalStep {
  return a.steps[a.currentStep - 1]!;
}

/**
 * May this actor decide the current step: a named or resolved approver, or a holder of its
 * role; never the submitter, unless the step names them.
 */
export function canDecide(a: Approval, actor: Actor): boolean {
  if (a.status !== 'pending') return false;
  const step = currentStep(a);
  return isStepApprover(step, actor) && !isOwnDocument(a, actor, step);
}

function isStepApprover(step: ApprovalStep, actor: Actor): boolean {
  return (
    step.approvers.includes(actor.user) ||
    step.users.includes(actor.user) ||
    step.roles.some((r) => actor.roles.includes(r))
  );
}

function isOwnDocument(a: Approval, actor: Actor, step: ApprovalStep): boolean {
  return actor.user === a.submittedBy && !submitterMayDecide(step, a.submittedBy);
}

/** Anyone who is or was an approver of any step (for reading the approval). */
export function isInvolved(a: Approval, actor: Actor): boolean {
  return (
    a.submittedBy === actor.user ||
    a.steps.some(
      (s) =>
        s.approvers.includes(actor.user) ||
        s.users.includes(actor.user) ||
        s.roles.some((r) => actor.roles.includes(r)),
    )
  );
}

export type Decision = {
  approve: boolean;
  comment?: string;
  via: ApprovalVia;
  /** The step the decider saw (a WeCom card names it); a later step is not theirs to decide. */
  step?: number;
};

/**
 * - `advanced`: the step was approved and the next one is now pending;
 * - `approved` / `rejected`: the approval is finished.
 */
export type DecisionOutcome = 'advanced' | 'approved' | 'rejected';

export function alreadyDecided(a: Approval): AppError {
  return new AppError(
    'approval.alreadyDecided',
    a.status === 'pending'
      ? '该审批已被他人处理，请刷新后查看'
      : `该审批已结束（${STATUS_LABEL[a.status]}）`,
    { approvalId: a.id, status: a.status, currentStep: a.currentStep },
  );
}

/** A rejection says why: the submitter is told, and can put it right and submit again. */
export function reasonRequired(a: Pick<Approval, 'id' | 'currentStep'>): AppError {
  return new AppError(
    'approval.reasonRequired',
    '驳回需要填写原因',
    { approvalId: a.id, step: a.currentStep },
    [{ path: ['body', 'comment'], message: '请填写驳回原因' }],
  );
}

const STATUS_LABEL: Record<Approval['status'], string> = {
  pending: '审批中',
  approved: '已同意',
  rejected: '已驳回',
  cancelled: '已撤销',
};

export function decide(
  a: Approval,
  actor: Actor,
  decision: Decision,
  now: Date,
): { approval: Approval; outcome: DecisionOutcome; decidedStep: number } {
  if (a.status !== 'pending') throw alreadyDecided(a);
  if (decision.step !== undefined && decision.step !== a.currentStep) throw alreadyDecided(a);
  if (!isStepApprover(currentStep(a), actor)) {
    throw new AppError('approval.notApprover', '您不是当前审批步骤的审批人', {
      approvalId: a.id,
      step: a.currentStep,
    });
  }
  if (isOwnDocument(a, actor, currentStep(a))) {
    throw new AppError('approval.ownDocument', '不能审批自己提交的单据', {
      approvalId: a.id,
      step: a.currentStep,
    });
  }
  const comment = decision.comment?.trim();
  if (!decision.approve && !comment) throw reasonRequired(a);
  const at = now.toISOString();
  const index = a.currentStep - 1;
  const last = index === a.steps.length - 1;
  const outcome: DecisionOutcome = !decision.approve ? 'rejected' : last ? 'approved' : 'advanced';
  const steps = a.steps.map((s, i): ApprovalStep => {
    if (i === index) {
      return {
        ...s,
        status: decision.approve ? 'approved' : 'rejected',
        decidedBy: actor.user,
        decidedAt: at,
      };
    }
    if (i === index + 1 && outcome === 'advanced') return { ...s, status: 'pending' };
    if (i > index && outcome === 'rejected') return { ...s, status: 'cancelled' };
    return s;
  });
  return {
    approval: {
      ...a,
      steps,
      status: outcome === 'advanced' ? 'pending' : outcome,
      currentStep: outcome === 'advanced' ? a.currentStep + 1 : a.currentStep,
      history: [
        ...a.history,
        {
          at,
          by: actor.user,
          action: decision.approve ? 'approved' : 'rejected',
          step: a.currentStep,
          ...(comment ? { comment } : {}),
          via: decision.via,
        },
      ],
      updatedAt: at,
      ...(outcome === 'advanced' ? {} : { finishedAt: at }),
      version: a.version + 1,
    },
    outcome,
    decidedStep: a.currentStep,
  };
}

/** The document was withdrawn: a pending approval is cancelled. */
export function cancelApproval(a: Approval, by: string, now: Date, comment?: string): Approval {
  if (a.status !== 'pending') throw alreadyDecided(a);
  const at = now.toISOString();
  return {
    ...a,
    status: 'cancelled',
    steps: a.steps.map((s) =>
      s.status === 'pending' || s.status === 'waiting' ? { ...s, status: 'cancelled' } : s,
    ),
    history: [
      ...a.history,
      {
        at,
        by,
        action: 'cancelled',
        step: a.currentStep,
        ...(comment ? { comment } : {}),
      },
    ],
    updatedAt: at,
    finishedAt: at,
    version: a.version + 1,
  };
}

/** WeCom task ids: `ap-<approvalId>-<step>`, within [0-9a-zA-Z_-@] and 128 bytes. */
export function cardTaskId(approvalId: string, step: number): string {
  const id = `ap-${approvalId}-${step}`;
  if (!/^[0-9a-zA-Z_\-@]{1,128}$/.test(id)) throw new Error(`bad card task id ${id}`);
  return id;
}

/** The step a card's task id names, when it is a card of this approval. */
export function stepOfCardTaskId(
  approvalId: string,
  taskId: string | undefined,
): number | undefined {
  const prefix = `ap-${approvalId}-`;
  if (!taskId?.startsWith(prefix)) return undefined;
  const step = Number(taskId.slice(prefix.length));
  return Number.isInteger(step) && step >= 1 ? step : undefined;
}

export const cardKeys = (approvalId: string) => ({
  approveKey: `approve:${approvalId}`,
  rejectKey: `reject:${approvalId}`,
});

/** The label a decided card shows on its greyed button. */
export function cardLabel(status: Approval['status'] | 'advanced'): string {
  if (status === 'rejected') return '已驳回';
  if (status === 'cancelled') return '已撤销';
  return '已同意';
}
