import {
  type Approval,
  type ApprovalDocType,
  type ApprovalRuleStep,
  type ApprovalRules,
  type ApprovalRulesPut,
  type MoneySnapshot,
  type Session,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  cancelApproval,
  cardKeys,
  cardLabel,
  cardTaskId,
  defaultApprovalRules,
  DOC_LABEL,
  startApproval,
  stepsNeeded,
  ruleFor,
} from '../../domain/approval/index.js';
import { approvalRepo, type StoredNotification } from '../../store/approvalRepo.js';
import { outboxRepo } from '../../store/outboxRepo.js';
import type { TxItem } from '../../store/transact.js';
import { userRepo } from '../../store/userRepo.js';
import { completing, type CommitHooks } from '../hooks.js';
import { cardMessage, cardUpdateMessage } from './messages.js';

/*
 * Starting an approval and what a document's own routes do with it (rules, steps, the
 * approval and its first cards, cancelling), apart from deciding (engine.ts): a document's
 * area submits and cancels without loading the decision side, its document handlers and the
 * outbox's delivery.
 */

// ---- rules -------------------------------------------------------------------------------

export async function getApprovalRules(deps: Deps, tenant: string): Promise<ApprovalRules> {
  return (
    (await approvalRepo(deps, tenant).getRules()) ?? {
      rules: defaultApprovalRules(),
      version: 0,
    }
  );
}

export function putApprovalRules(
  deps: Deps,
  s: Session,
  input: ApprovalRulesPut,
  hooks: CommitHooks<ApprovalRules> = {},
): Promise<ApprovalRules> {
  return approvalRepo(deps, s.tenant).putRules(
    input.rules,
    input.expectedVersion,
    { updatedAt: deps.clock.now().toISOString(), updatedBy: s.user },
    (next) => completing(hooks, next, []),
  );
}

// ---- starting ----------------------------------------------------------------------------

/** What a document shows on its approval and its cards. */
export type ApprovalSubject = {
  docType: ApprovalDocType;
  docNo: string;
  /** zh-CN fields for the card and the inbox (单号, 客户, 金额 ...), at most 6. */
  fields: { key: string; value: string }[];
  amount?: MoneySnapshot;
};

/** The steps the tenant's rules require for a document; empty: no approval needed. */
export async function stepsFor(
  deps: Deps,
  tenant: string,
  subject: ApprovalSubject,
): Promise<ApprovalRuleStep[]> {
  const { rules } = await getApprovalRules(deps, tenant);
  return stepsNeeded(ruleFor(rules, subject.docType), {
    docType: subject.docType,
    ...(subject.amount ? { amountFen: fenOf(subject.amount) } : {}),
  });
}

function fenOf(m: MoneySnapshot): number {
  if (m.scale === 2) return m.amount;
  // Rules compare fen; a finer amount is compared by its whole fen (never rounds up).
  return m.scale > 2 ? Math.trunc(m.amount / 10 ** (m.scale - 2)) : m.amount * 10 ** (2 - m.scale);
}

/**
 * A new pending approval for the given steps, approvers resolved from the tenant's users
 * (active users holding one of a step's roles, and its named users; never the submitter,
 * unless a step names them). Returns the approval and the writes that create it, to be
 * committed together with the document's own change: the first step's card goes out through
 * the outbox, written in that same transaction (a request never waits on WeCom).
 */
export async function prepareApproval(
  deps: Deps,
  s: Session,
  subject: ApprovalSubject,
  steps: ApprovalRuleStep[],
): Promise<{ approval: Approval; items: TxItem[] }> {
  const users = (await userRepo(deps, s.tenant).list()).filter((u) => u.active);
  const approvers = steps.map((step) => [
    ...users.filter((u) => step.roles.some((r) => u.roles.includes(r))).map((u) => u.userid),
    ...step.users,
  ]);
  const approval = startApproval({
    id: deps.newId(),
    docType: subject.docType,
    docNo: subject.docNo,
    title: `${DOC_LABEL[subject.docType]} ${subject.docNo}`,
    fields: subject.fields.slice(0, 6),
    ...(subject.amount ? { amount: subject.amount } : {}),
    submittedBy: s.user,
    ...(s.name ? { submittedByName: s.name } : {}),
    steps,
    approvers,
    now: deps.clock.now(),
  });
  return {
    approval,
    items: [
      ...approvalRepo(deps, s.tenant).createItems(approval),
      ...stepCardItems(deps, s.tenant, approval, approval.currentStep).items,
    ],
  };
}

/**
 * The step's card, to commit with the change that started the step: its notification
 * (`queued`) and the outbox record the worker delivers; its outcome (sent with the msgid, or
 * failed after the worker's retries) is written to the notification when the worker is done.
 * A failure never fails the change, and the approval works from the inbox meanwhile.
 */
export function stepCardItems(
  deps: Deps,
  tenant: string,
  approval: Approval,
  step: number,
): { items: TxItem[]; notification: StoredNotification } {
  const current = approval.steps[step - 1]!;
  const taskId = cardTaskId(approval.id, step);
  const at = deps.clock.now().toISOString();
  const base = { step, taskId, recipients: current.approvers, at };
  const repo = approvalRepo(deps, tenant);
  if (current.approvers.length === 0) {
    const n: StoredNotification = { ...base, status: 'noRecipients' };
    return { items: [repo.notificationItem(approval.id, n)], notification: n };
  }
  const outboxId = deps.newId();
  const n: StoredNotification = { ...base, status: 'queued', outboxId };
  const message = cardMessage(
    approval.id,
    {
      tenant,
      touser: current.approvers,
      taskId,
      title: `${DOC_LABEL[approval.docType]}审批`,
      desc: `${approval.submittedByName ?? approval.submittedBy} 提交，第 ${step} 步：${current.name}`,
      fields: approval.fields,
      ...cardKeys(approval.id),
    },
    n,
  );
  return {
    items: [
      repo.notificationItem(approval.id, n),
      outboxRepo(deps, tenant).enqueueItem(outboxId, at, message),
    ],
    notification: n,
  };
}

/**
 * Greying a finished step's card (已同意 / 已驳回 / 已撤销), to commit with the decision: the
 * update goes through the outbox with the click's response code, or the one the card's send
 * returned (a card still waiting in the outbox is updated once it is delivered). Nothing when
 * the card never went out; a sent card without a response code is recorded as failed.
 */
export function closeStepCardItems(
  deps: Deps,
  tenant: string,
  approvalId: string,
  stored: StoredNotification[],
  step: number,
  label: string,
  clickCode: string | undefined,
): TxItem[] {
  const n = stored.find((x) => x.step === step);
  if (!n || (n.status !== 'sent' && n.status !== 'queued')) return [];
  const repo = approvalRepo(deps, tenant);
  if (n.status === 'sent' && !clickCode && !n.responseCode) {
    return [
      repo.cardUpdateItem(approvalId, step, {
        label,
        status: 'failed',
        error: '没有可用的 response_code',
      }),
    ];
  }
  const at = deps.clock.now().toISOString();
  return [
    repo.cardUpdateItem(approvalId, step, { label, status: 'queued' }),
    outboxRepo(deps, tenant).enqueueItem(
      deps.newId(),
      at,
      cardUpdateMessage({
        approvalId,
        step,
        label,
        userids: n.recipients,
        ...(clickCode ? { responseCode: clickCode } : {}),
      }),
    ),
  ];
}

/**
 * Cancelling a pending approval with its document: returns the writes to commit with the
 * document's change (greying the cards 已撤销 through the outbox among them).
 */
export async function prepareCancel(
  deps: Deps,
  s: Session,
  approvalId: string,
  comment?: string,
): Promise<{ items: TxItem[] }> {
  const repo = approvalRepo(deps, s.tenant);
  const loaded = await repo.get(approvalId);
  if (!loaded || loaded.status !== 'pending') return { items: [] };
  const { stored, ...before } = loaded;
  const cancelled = cancelApproval(before, s.user, deps.clock.now(), comment);
  return {
    items: [
      ...repo.transitionItems(before, cancelled),
      ...closeStepCardItems(
        deps,
        s.tenant,
        approvalId,
        stored,
        before.currentStep,
        cardLabel('cancelled'),
        undefined,
      ),
    ],
  };
}
