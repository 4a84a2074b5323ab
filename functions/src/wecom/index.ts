import type { Deps } from '../deps.js';

/**
 * The WeCom surface the rest of the product uses. SEAM (issue 5, in progress): the client,
 * crypto and callbacks land behind these signatures.
 */
export type ApprovalCard = {
  tenant: string;
  /** WeCom userids of the approvers of this step. */
  touser: string[];
  /** Unique per app: `ap-<approvalId>-<step>`. */
  taskId: string;
  title: string;
  desc: string;
  fields: { key: string; value: string }[];
  /** Button keys: `approve:<approvalId>` and `reject:<approvalId>`. */
  approveKey: string;
  rejectKey: string;
};

/**
 * Sends a button_interaction card; resolves when WeCom accepted it, with the message id and
 * the response code WeCom returns for interactive cards (kept to update the card later, when
 * the decision is taken elsewhere, e.g. in the mini-program inbox).
 */
export async function sendApprovalCard(
  _deps: Deps,
  _card: ApprovalCard,
): Promise<{ msgid: string; responseCode?: string }> {
  throw new Error('sendApprovalCard: not implemented yet');
}

/** Greys the card's buttons with a final label (已同意 / 已驳回) via update_template_card. */
export async function updateApprovalCard(
  _deps: Deps,
  _update: { tenant: string; userids: string[]; responseCode: string; replaceName: string },
): Promise<void> {
  throw new Error('updateApprovalCard: not implemented yet');
}
