import type { Deps } from '../../deps.js';
import { sendApprovalCard, updateApprovalCard, type ApprovalCard } from '../../wecom/index.js';

/** How approval cards reach approvers. WeCom in the product; tests may put a recorder in. */
export type ApprovalNotifier = {
  send(deps: Deps, card: ApprovalCard): Promise<{ msgid: string; responseCode?: string }>;
  update(
    deps: Deps,
    update: { tenant: string; userids: string[]; responseCode: string; replaceName: string },
  ): Promise<void>;
};

const wecom: ApprovalNotifier = { send: sendApprovalCard, update: updateApprovalCard };
let current: ApprovalNotifier = wecom;

/** Replaces the notifier (undefined: back to WeCom). */
export function useApprovalNotifier(notifier: ApprovalNotifier | undefined): void {
  current = notifier ?? wecom;
}

export function approvalNotifier(): ApprovalNotifier {
  return current;
}
