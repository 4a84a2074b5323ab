import type { Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { decideStep } from './engine.js';

/**
 * The approval engine's decision entry point, called by the inbox routes (approvals.approve /
 * approvals.reject, via 'miniapp'), by the ECN decision routes, and by the WeCom card-click
 * processor (via 'wecom' with the click's single-use response code, which then updates the
 * card). Throws AppError 404 resource.notFound, 403 approval.notApprover or 409
 * approval.alreadyDecided; the cards and messages go through the outbox (written with the
 * decision), so WeCom never fails or slows the decision.
 */
export type ApprovalDecision = {
  approve: boolean;
  comment?: string;
  /** Where the decision came from; a card click carries its single-use response code. */
  via: 'wecom' | 'miniapp';
  responseCode?: string;
  /** The step the card named (from its task id): an old card cannot decide a later step. */
  step?: number;
};

/**
 * Resolves to the approval after the decision (an `Approval`). The declared type stays
 * `unknown` because the card-click processor types its injectable decider after this seam;
 * callers that want the record use `decideStep`.
 */
export async function decideApproval(
  deps: Deps,
  session: Session,
  approvalId: string,
  decision: ApprovalDecision,
): Promise<unknown> {
  return decideStep(deps, session, approvalId, decision);
}

export {
  decideStep,
  type DecisionResult,
  askForRejectReason,
  isReasonRequired,
  resendCards,
  approvalInbox,
  getApproval,
  latestApprovalOf,
} from './engine.js';
export { getApprovalRules, putApprovalRules } from './submitting.js';
export type { ApprovalNotifier, ApprovalText } from './notifier.js';
export {
  approvalDocuments,
  type ApprovalDocumentHandler,
  type ApprovalDocuments,
  type DocumentOutcome,
} from './documents.js';
