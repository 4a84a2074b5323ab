import {
  AppError,
  type Approval,
  type ApprovalDecisionNotice,
  type ApprovalDocType,
  type ApprovalRuleStep,
  type ApprovalRules,
  type ApprovalRulesPut,
  type InboxEntry,
  type InboxQuery,
  type MoneySnapshot,
  type Page,
  type Session,
  notFound,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  type Actor,
  cancelApproval,
  cardKeys,
  cardLabel,
  cardTaskId,
  decide,
  alreadyDecided,
  type Decision,
  type DecisionOutcome,
  decisionNoticeText,
  defaultApprovalRules,
  DOC_LABEL,
  isInvolved,
  reasonNeededText,
  startApproval,
  stepsNeeded,
  ruleFor,
} from '../../domain/approval/index.js';
import { approvalRepo, type StoredNotification } from '../../store/approvalRepo.js';
import { retryOnConflict } from '../../store/conflicts.js';
import { transactWrite, type TxItem } from '../../store/transact.js';
import { userRepo } from '../../store/userRepo.js';
import { completing, type CommitHooks } from '../hooks.js';
import type { ApprovalNotifier } from './notifier.js';
import { log } from '../../telemetry/log.js';

/** A claim older than this (its holder's Lambda timed out) may be taken over. */
const CLAIM_TTL_MS = 5 * 60_000;

const actorOf = (s: Session): Actor => ({ user: s.user, roles: s.roles });

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
 * unless a step names them). Returns the approval and
 * the writes that create it, to be committed together with the document's own change; call
 * `announce` once they committed.
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
  return { approval, items: approvalRepo(deps, s.tenant).createItems(approval) };
}

/** After the approval committed: cards to the approvers of its current step. */
export async function announce(
  deps: Deps,
  s: Session,
  approval: Approval,
  notifier: ApprovalNotifier = deps.approvalNotifier,
): Promise<Approval> {
  const n = await sendStepCards(deps, s, approval, approval.currentStep, notifier);
  return { ...approval, notifications: [...approval.notifications, withoutCode(n)] };
}

function withoutCode({ responseCode: _r, ...n }: StoredNotification) {
  return n;
}

/**
 * Sends the step's card. A failure never fails the caller: it is recorded on the approval
 * (status failed with the error), and the approval still works from the inbox.
 */
async function sendStepCards(
  deps: Deps,
  s: Session,
  approval: Approval,
  step: number,
  notifier: ApprovalNotifier,
  complete?: (n: StoredNotification) => TxItem[],
): Promise<StoredNotification> {
  const current = approval.steps[step - 1]!;
  const taskId = cardTaskId(approval.id, step);
  const base = { step, taskId, recipients: current.approvers, at: deps.clock.now().toISOString() };
  let n: StoredNotification;
  if (current.approvers.length === 0) {
    n = { ...base, status: 'noRecipients' };
  } else {
    try {
      const sent = await notifier.send(deps, {
        tenant: s.tenant,
        touser: current.approvers,
        taskId,
        title: `${DOC_LABEL[approval.docType]}审批`,
        desc: `${approval.submittedByName ?? approval.submittedBy} 提交，第 ${step} 步：${current.name}`,
        fields: approval.fields,
        ...cardKeys(approval.id),
      });
      n = {
        ...base,
        status: 'sent',
        msgid: sent.msgid,
        ...(sent.responseCode ? { responseCode: sent.responseCode } : {}),
      };
    } catch (err) {
      n = { ...base, status: 'failed', error: errorText(err) };
    }
  }
  const record = approvalRepo(deps, s.tenant).notificationItem(approval.id, n);
  // Recorded with the caller's completion when it has one (approvals.notify), else best effort.
  if (complete) await transactWrite(deps.db, [record, ...complete(n)]);
  else await transactWrite(deps.db, [record]).catch(() => undefined);
  return n;
}

/** Greys the buttons of a finished step's card; failures are recorded, never thrown. */
async function closeStepCards(
  deps: Deps,
  tenant: string,
  approvalId: string,
  stored: StoredNotification[],
  step: number,
  label: string,
  clickCode: string | undefined,
  notifier: ApprovalNotifier,
): Promise<void> {
  const n = stored.find((x) => x.step === step);
  if (!n || n.status !== 'sent') return;
  const code = clickCode ?? n.responseCode;
  const { responseCode: _used, ...rest } = n;
  let next: StoredNotification;
  if (!code) {
    next = { ...rest, update: { label, status: 'failed', error: '没有可用的 response_code' } };
  } else {
    try {
      await notifier.update(deps, {
        tenant,
        userids: n.recipients,
        responseCode: code,
        replaceName: label,
      });
      next = { ...rest, update: { label, status: 'sent' } };
    } catch (err) {
      next = { ...rest, update: { label, status: 'failed', error: errorText(err) } };
    }
  }
  await approvalRepo(deps, tenant)
    .putNotification(approvalId, next)
    .catch(() => undefined);
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

// ---- deciding ----------------------------------------------------------------------------

/** What a decision committed: the approval, and the document it finished (if it did). */
export type DecisionResult = { approval: Approval; document?: unknown };

/**
 * Records one approver's decision on the current step (optimistic: of two simultaneous
 * decisions one wins, the other gets 409 approval.alreadyDecided), updates the step's cards,
 * then sends the next step's cards or, on the last decision, moves the document on through
 * its document type's registered handler (`deps.approvalDocuments`; in the same transaction
 * where the handler allows). The submitter is told of every decision by a WeCom message.
 * `hooks.onComplete` gets the approval as decided and the document as it then is, for the
 * decision's transaction.
 */
export async function decideStep(
  deps: Deps,
  s: Session,
  approvalId: string,
  decision: Decision & { responseCode?: string },
  notifier: ApprovalNotifier = deps.approvalNotifier,
  hooks: CommitHooks<DecisionResult> = {},
): Promise<Approval> {
  const repo = approvalRepo(deps, s.tenant);
  const loaded = await repo.get(approvalId);
  if (!loaded) throw notFound('approval', approvalId);
  const { stored, claimedAt, ...read } = loaded;
  const now = deps.clock.now();
  const staleBefore = new Date(now.getTime() - CLAIM_TTL_MS).toISOString();
  // Another decision holds the approval while its document work runs.
  if (claimedAt && claimedAt >= staleBefore) throw alreadyDecided(read);
  let before: Approval = read;
  let result = decide(before, actorOf(s), decision, now);
  let claimedVersion: number | undefined;
  if (result.outcome !== 'advanced' && deps.approvalDocuments.of(before.docType).separateWork) {
    claimedVersion = await repo.claim(before, s.user, now.toISOString(), staleBefore);
    before = { ...before, version: claimedVersion };
    result = decide(before, actorOf(s), decision, now);
  }
  const { approval, outcome, decidedStep } = result;
  const items = repo.transitionItems(before, approval, s.user);
  try {
    let document: unknown;
    if (outcome !== 'advanced') {
      const handler = deps.approvalDocuments.of(approval.docType);
      const finished = await handler.finish(deps, s, approval, outcome);
      items.push(...finished.items);
      document = finished.document;
    }
    await repo.commit(completing(hooks, { approval, document }, items));
  } catch (err) {
    if (claimedVersion !== undefined) {
      const claimed = claimedVersion;
      // Conditional on the claimed version, so sending it again after a conflict is harmless.
      await retryOnConflict(() => repo.release(before, claimed)).catch(() => undefined);
    }
    throw err;
  }

  await closeStepCards(
    deps,
    s.tenant,
    approval.id,
    stored,
    decidedStep,
    cardLabel(outcome),
    decision.via === 'wecom' ? decision.responseCode : undefined,
    notifier,
  );
  if (outcome === 'advanced')
    await sendStepCards(deps, s, approval, approval.currentStep, notifier);
  await tellSubmitter(deps, s, approval, decidedStep, outcome, notifier);
  return (await getApprovalRecord(deps, s.tenant, approval.id))!;
}

/**
 * A WeCom text to the submitter about one step's decision. Like the cards, a failure never
 * fails the decision: the outcome is recorded on the approval (`notices`). A submitter who
 * decided the step themselves (a step naming them) is not told.
 */
async function tellSubmitter(
  deps: Deps,
  s: Session,
  approval: Approval,
  step: number,
  outcome: DecisionOutcome,
  notifier: ApprovalNotifier,
): Promise<void> {
  const to = approval.submittedBy;
  const base = {
    step,
    decision: outcome === 'rejected' ? ('rejected' as const) : ('approved' as const),
    at: deps.clock.now().toISOString(),
    to,
  };
  let notice: ApprovalDecisionNotice;
  if (to === s.user) {
    notice = { ...base, status: 'skipped' };
  } else {
    try {
      await notifier.tell(deps, {
        tenant: s.tenant,
        touser: [to],
        content: decisionNoticeText(approval, step, outcome, s.name ?? s.user),
      });
      notice = { ...base, status: 'sent' };
    } catch (err) {
      notice = { ...base, status: 'failed', error: errorText(err) };
    }
  }
  await approvalRepo(deps, s.tenant)
    .putNotice(approval.id, notice)
    .catch(() => undefined);
}

/**
 * A 驳回 tapped on a WeCom card carries no reason, and a rejection needs one: the approval
 * stays as it is (the card too, so 同意 still works) and the approver is told, by a WeCom
 * text, to reject in the mini-program with a reason. Never throws.
 */
export async function askForRejectReason(
  deps: Deps,
  s: Session,
  approvalId: string,
  notifier: ApprovalNotifier = deps.approvalNotifier,
): Promise<void> {
  try {
    const a = await getApprovalRecord(deps, s.tenant, approvalId);
    if (!a) return;
    await notifier.tell(deps, { tenant: s.tenant, touser: [s.user], content: reasonNeededText(a) });
  } catch (err) {
    log.warn('approval: telling the approver a rejection needs a reason failed', {
      tenant: s.tenant,
      approvalId,
      error: errorText(err),
    });
  }
}

/** The card-click path's refusal that asks the approver for a reason. */
export function isReasonRequired(err: unknown): boolean {
  return err instanceof AppError && err.code === 'approval.reasonRequired';
}

/**
 * Cancelling a pending approval with its document: returns the writes (to commit with the
 * document's change) and what to do once they committed (grey the cards: 已撤销).
 */
export async function prepareCancel(
  deps: Deps,
  s: Session,
  approvalId: string,
  comment?: string,
  notifier: ApprovalNotifier = deps.approvalNotifier,
): Promise<{ items: TxItem[]; after: () => Promise<void> }> {
  const repo = approvalRepo(deps, s.tenant);
  const loaded = await repo.get(approvalId);
  if (!loaded || loaded.status !== 'pending') return { items: [], after: async () => undefined };
  const { stored, ...before } = loaded;
  const cancelled = cancelApproval(before, s.user, deps.clock.now(), comment);
  return {
    items: repo.transitionItems(before, cancelled),
    after: () =>
      closeStepCards(
        deps,
        s.tenant,
        approvalId,
        stored,
        before.currentStep,
        cardLabel('cancelled'),
        undefined,
        notifier,
      ),
  };
}

/**
 * Sends the current step's cards again if sending them failed (WeCom was down, say) or was
 * never recorded (the process stopped between the decision and the cards); with the cards
 * out, or the approval finished, there is nothing to do. The new send is recorded with
 * `hooks.onComplete` in one transaction.
 */
export async function resendCards(
  deps: Deps,
  s: Session,
  id: string,
  notifier: ApprovalNotifier = deps.approvalNotifier,
  hooks: CommitHooks<Approval> = {},
): Promise<Approval> {
  const a = await getApproval(deps, s, id);
  const step = a.currentStep;
  const last = a.notifications.find((n) => n.step === step);
  if (a.status !== 'pending' || (last && last.status !== 'failed')) return a;
  let after: Approval = a;
  await sendStepCards(deps, s, a, step, notifier, (n) => {
    after = {
      ...a,
      notifications: [...a.notifications.filter((x) => x.step !== step), withoutCode(n)].sort(
        (x, y) => x.step - y.step,
      ),
    };
    return completing(hooks, after, []);
  });
  return after;
}

// ---- reading -----------------------------------------------------------------------------

async function getApprovalRecord(
  deps: Deps,
  tenant: string,
  id: string,
): Promise<Approval | undefined> {
  const found = await approvalRepo(deps, tenant).get(id);
  if (!found) return undefined;
  const { stored: _s, ...approval } = found;
  return approval;
}

/** Readable by its submitter, anyone who is or was an approver, and managers/admins. */
export async function getApproval(deps: Deps, s: Session, id: string): Promise<Approval> {
  const a = await getApprovalRecord(deps, s.tenant, id);
  const privileged = s.roles.includes('admin') || s.roles.includes('manager');
  if (!a || (!privileged && !isInvolved(a, actorOf(s)))) throw notFound('approval', id);
  return a;
}

export function approvalInbox(deps: Deps, s: Session, q: InboxQuery): Promise<Page<InboxEntry>> {
  return approvalRepo(deps, s.tenant).inbox(s.user, q);
}

export async function latestApprovalOf(
  deps: Deps,
  tenant: string,
  docType: ApprovalDocType,
  docNo: string,
): Promise<string | undefined> {
  return approvalRepo(deps, tenant).latestOfDocument(docType, docNo);
}
