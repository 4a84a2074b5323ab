import type { Approval, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { decideStep } from './engine.js';
import type { ApprovalNotifier } from './notifier.js';

/**
 * The approval engine's decision entry point, called by the inbox routes (approvals.approve /
 * approvals.reject, via 'miniapp'), by the ECN decision routes, and by the WeCom card-click
 * processor (via 'wecom' with the click's single-use response code, which then updates the
 * card). Throws AppError 404 resource.notFound, 403 approval.notApprover or 409
 * approval.alreadyDecided; a card failure never fails the decision.
 */
export type ApprovalDecision = {
  approve: boolean;
  comment?: string;
  /** Where the decision came from; a card click carries its single-use response code. */
  via: 'wecom' | 'miniapp';
  responseCode?: string;
};

export async function decideApproval(
  deps: Deps,
  session: Session,
  approvalId: string,
  decision: ApprovalDecision,
  notifier?: ApprovalNotifier,
): Promise<Approval> {
  return decideStep(deps, session, approvalId, decision, notifier);
}

export {
  approvalInbox,
  getApproval,
  getApprovalRules,
  putApprovalRules,
  latestApprovalOf,
} from './engine.js';
export { useApprovalNotifier, type ApprovalNotifier } from './notifier.js';
