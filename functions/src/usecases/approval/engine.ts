import {
  AppError,
  type Approval,
  type ApprovalDecisionNotice,
  type ApprovalDocType,
  type InboxEntry,
  type InboxQuery,
  type Page,
  type Session,
  notFound,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  type Actor,
  cardLabel,
  decide,
  alreadyDecided,
  type Decision,
  type DecisionOutcome,
  decisionNoticeText,
  isInvolved,
  reasonNeededText,
} from '../../domain/approval/index.js';
import { approvalRepo, type StoredNotification } from '../../store/approvalRepo.js';
import { retryOnConflict } from '../../store/conflicts.js';
import { outboxRepo } from '../../store/outboxRepo.js';
import { type TxItem } from '../../store/transact.js';
import { completing, type CommitHooks } from '../hooks.js';
import { textMessageFor } from './messages.js';
import { closeStepCardItems, stepCardItems } from './submitting.js';
import { resendItems } from '../outbox/resend.js';
import { log } from '../../telemetry/log.js';

/** A claim older than this (its holder's Lambda timed out) may be taken over. */
const CLAIM_TTL_MS = 5 * 60_000;

const actorOf = (s: Session): Actor => ({ user: s.user, roles: s.roles });

function withoutCode({ responseCode: _r, outboxId: _o, ...n }: StoredNotification) {
  return n;
}

// ---- deciding ----------------------------------------------------------------------------

/** What a decision committed: the approval, and the document it finished (if it did). */
export type DecisionResult = { approval: Approval; document?: unknown };

/**
 * Records one approver's decision on the current step (optimistic: of two simultaneous
 * decisions one wins, the other gets 409 approval.alreadyDecided), greys the step's cards,
 * then sends the next step's cards or, on the last decision, moves the document on through
 * its document type's handler (in the same transaction where the handler allows). The
 * submitter is told of every decision by a WeCom message. The cards, their updates and the
 * message go through the outbox, written in the decision's transaction: the decision never
 * waits on WeCom. `hooks.onComplete` gets the approval as decided and the document as it
 * then is, for the decision's transaction.
 */
export async function decideStep(
  deps: Deps,
  s: Session,
  approvalId: string,
  decision: Decision & { responseCode?: string },
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
  const items = [
    ...repo.transitionItems(before, approval, s.user),
    // The messages this decision causes go out through the outbox, in its transaction.
    ...closeStepCardItems(
      deps,
      s.tenant,
      approval.id,
      stored,
      decidedStep,
      cardLabel(outcome),
      decision.via === 'wecom' ? decision.responseCode : undefined,
    ),
    ...(outcome === 'advanced'
      ? stepCardItems(deps, s.tenant, approval, approval.currentStep).items
      : []),
    ...tellSubmitterItems(deps, s, approval, decidedStep, outcome),
  ];
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
  return (await getApprovalRecord(deps, s.tenant, approval.id))!;
}

/**
 * The WeCom text to the submitter about one step's decision, to commit with the decision:
 * its notice (`queued`, on the approval's `notices`) and the outbox record; the worker records
 * sent or failed. A submitter who decided the step themselves (a step naming them) is not
 * told (`skipped`).
 */
function tellSubmitterItems(
  deps: Deps,
  s: Session,
  approval: Approval,
  step: number,
  outcome: DecisionOutcome,
): TxItem[] {
  const to = approval.submittedBy;
  const at = deps.clock.now().toISOString();
  const base = {
    step,
    decision: outcome === 'rejected' ? ('rejected' as const) : ('approved' as const),
    at,
    to,
  };
  const repo = approvalRepo(deps, s.tenant);
  if (to === s.user) return [repo.noticeItem(approval.id, { ...base, status: 'skipped' })];
  const notice: ApprovalDecisionNotice = { ...base, status: 'queued' };
  return [
    repo.noticeItem(approval.id, notice),
    outboxRepo(deps, s.tenant).enqueueItem(
      deps.newId(),
      at,
      textMessageFor(
        {
          tenant: s.tenant,
          touser: [to],
          content: decisionNoticeText(approval, step, outcome, s.name ?? s.user),
        },
        {
          approvalId: approval.id,
          notice,
          summary: `审批结果通知：${approval.title}，第 ${step} 步`,
        },
      ),
    ),
  ];
}

/**
 * A 驳回 tapped on a WeCom card carries no reason, and a rejection needs one: the approval
 * stays as it is (the card too, so 同意 still works) and the approver is told, by a WeCom
 * text sent through the outbox, to reject in the mini-program with a reason. Never throws.
 */
export async function askForRejectReason(
  deps: Deps,
  s: Session,
  approvalId: string,
): Promise<void> {
  try {
    const a = await getApprovalRecord(deps, s.tenant, approvalId);
    if (!a) return;
    await outboxRepo(deps, s.tenant).enqueue(
      deps.newId(),
      deps.clock.now().toISOString(),
      textMessageFor(
        { tenant: s.tenant, touser: [s.user], content: reasonNeededText(a) },
        { approvalId, summary: `驳回需填写原因：${a.title}` },
      ),
    );
  } catch (err) {
    log.warn('approval: telling the approver a rejection needs a reason failed', {
      tenant: s.tenant,
      approvalId,
      error: errorText(err),
    });
  }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

/** The card-click path's refusal that asks the approver for a reason. */
export function isReasonRequired(err: unknown): boolean {
  return err instanceof AppError && err.code === 'approval.reasonRequired';
}

/**
 * Sends the current step's cards again if sending them failed (the outbox gave up after its
 * retries) or was never recorded; with the cards out or on their way (queued), or the approval
 * finished, there is nothing to do. The failed outbox record is resent (a card recorded
 * before the outbox is queued anew), with `hooks.onComplete`, in one transaction.
 */
export async function resendCards(
  deps: Deps,
  s: Session,
  id: string,
  hooks: CommitHooks<Approval> = {},
): Promise<Approval> {
  const a = await getApproval(deps, s, id);
  const step = a.currentStep;
  const last = a.notifications.find((n) => n.step === step);
  if (a.status !== 'pending' || (last && last.status !== 'failed')) return a;
  const stored = (await approvalRepo(deps, s.tenant).get(id))?.stored.find((n) => n.step === step);
  const failed = stored?.outboxId
    ? await outboxRepo(deps, s.tenant).get(stored.outboxId)
    : undefined;
  const at = deps.clock.now().toISOString();
  const { items, notification } =
    failed?.status === 'failed'
      ? { items: resendItems(deps, failed, at), notification: requeued(stored!, at) }
      : stepCardItems(deps, s.tenant, a, step);
  const after: Approval = {
    ...a,
    notifications: [
      ...a.notifications.filter((x) => x.step !== step),
      withoutCode(notification),
    ].sort((x, y) => x.step - y.step),
  };
  await deps.unitOfWork.commit(completing(hooks, after, items));
  return after;
}

function requeued({ error: _e, ...n }: StoredNotification, at: string): StoredNotification {
  return { ...n, status: 'queued', at };
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
