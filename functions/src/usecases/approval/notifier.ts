import type { Deps } from '../../deps.js';
import { sendApprovalCard, updateApprovalCard, type ApprovalCard } from '../../wecom/index.js';
import { wecomClient } from '../../wecom/client.js';
import { textMessage } from '../../wecom/messages.js';

/** A plain WeCom text message to some members (the submitter told of a decision, ...). */
export type ApprovalText = { tenant: string; touser: string[]; content: string };

/** How approval cards and messages reach people. WeCom in the product; tests may put a recorder in. */
export type ApprovalNotifier = {
  send(deps: Deps, card: ApprovalCard): Promise<{ msgid: string; responseCode?: string }>;
  update(
    deps: Deps,
    update: { tenant: string; userids: string[]; responseCode: string; replaceName: string },
  ): Promise<void>;
  tell(deps: Deps, text: ApprovalText): Promise<void>;
};

const wecom: ApprovalNotifier = {
  send: sendApprovalCard,
  update: updateApprovalCard,
  async tell(deps, text) {
    const client = await wecomClient(deps, text.tenant);
    await client.sendMessage(textMessage({ touser: text.touser }, text.content));
  },
};
let current: ApprovalNotifier = wecom;

/** Replaces the notifier (undefined: back to WeCom). */
export function useApprovalNotifier(notifier: ApprovalNotifier | undefined): void {
  current = notifier ?? wecom;
}

export function approvalNotifier(): ApprovalNotifier {
  return current;
}
