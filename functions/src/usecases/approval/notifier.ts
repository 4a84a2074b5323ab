import type { Deps } from '../../deps.js';
import { sendApprovalCard, updateApprovalCard, type ApprovalCard } from '../../wecom/index.js';
import { wecomClient } from '../../wecom/client.js';
import { textMessage } from '../../wecom/messages.js';

/** A plain WeCom text message to some members (the submitter told of a decision, ...). */
export type ApprovalText = { tenant: string; touser: string[]; content: string };

/**
 * How approval cards and messages reach people (the port `deps.approvalNotifier`). WeCom in
 * the product; tests put a recorder in (`useApprovalNotifier` in deps.ts).
 */
export type ApprovalNotifier = {
  send(deps: Deps, card: ApprovalCard): Promise<{ msgid: string; responseCode?: string }>;
  update(
    deps: Deps,
    update: { tenant: string; userids: string[]; responseCode: string; replaceName: string },
  ): Promise<void>;
  tell(deps: Deps, text: ApprovalText): Promise<void>;
};

/** The product's notifier: cards and texts through the WeCom client (wired in composition/). */
export const wecomApprovalNotifier: ApprovalNotifier = {
  send: sendApprovalCard,
  update: updateApprovalCard,
  async tell(deps, text) {
    const client = await wecomClient(deps, text.tenant);
    await client.sendMessage(textMessage({ touser: text.touser }, text.content));
  },
};
