import type { Session } from '@factory/shared';
import type { Deps } from '../../deps.js';

/**
 * SEAM (issue 5, in progress): the approval engine's decision entry point, called by the
 * mini-program inbox routes and by the WeCom card-click processor.
 */
export type ApprovalDecision = {
  approve: boolean;
  comment?: string;
  /** Where the decision came from; a card click carries its single-use response code. */
  via: 'wecom' | 'miniapp';
  responseCode?: string;
};

export async function decideApproval(
  _deps: Deps,
  _session: Session,
  _approvalId: string,
  _decision: ApprovalDecision,
): Promise<unknown> {
  throw new Error('decideApproval: not implemented yet');
}
