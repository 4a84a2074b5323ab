import type { Deps } from '../deps.js';
import { wecomClient } from './client.js';
import { buttonCardMessage, withDuplicateCheck } from './messages.js';
import { log } from '../telemetry/log.js';

/**
 * The WeCom surface the rest of the product uses: approval cards out, their updates, and
 * (via the callback route and processor) clicks back in.
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
 * the decision is taken elsewhere, e.g. in the mini-program inbox). Sent with WeCom's
 * duplicate check: the outbox may send the same card again after a lost answer.
 */
export async function sendApprovalCard(
  deps: Deps,
  card: ApprovalCard,
): Promise<{ msgid: string; responseCode?: string }> {
  const message = buttonCardMessage(
    { touser: card.touser },
    {
      taskId: card.taskId,
      title: card.title,
      desc: card.desc,
      fields: card.fields.map((f) => ({ keyname: f.key, value: f.value })),
      buttons: [
        { text: '同意', style: 1, key: card.approveKey },
        { text: '驳回', style: 2, key: card.rejectKey },
      ],
    },
  );
  const client = await wecomClient(deps, card.tenant);
  const sent = await client.sendMessage(withDuplicateCheck(message));
  if (sent.invalidUsers.length) {
    log.warn('approval card: some approvers are outside the app visible range', {
      tenant: card.tenant,
      taskId: card.taskId,
      invalidUsers: sent.invalidUsers,
    });
  }
  return { msgid: sent.msgid, ...(sent.responseCode ? { responseCode: sent.responseCode } : {}) };
}

/** Greys the card's buttons with a final label (已同意 / 已驳回) via update_template_card. */
export async function updateApprovalCard(
  deps: Deps,
  update: { tenant: string; userids: string[]; responseCode: string; replaceName: string },
): Promise<void> {
  const client = await wecomClient(deps, update.tenant);
  await client.updateTemplateCard({
    userids: update.userids,
    responseCode: update.responseCode,
    replaceName: update.replaceName,
  });
}

export { WecomError, isWecomError } from './errors.js';
export { wecomClient, WecomClient } from './client.js';
