import type { Deps } from '../../deps.js';
import { wecomClient } from '../../wecom/client.js';
import { textMessage, withDuplicateCheck } from '../../wecom/messages.js';
import type { OutboxHandler } from '../outbox/handler.js';
import { completionOutcome, type CompletionNotice } from './completionNotice.js';

export type { CompletionNotice } from './completionNotice.js';

/** The port `deps.completionNotifier`; tests swap it with `useCompletionNotifier` (deps.ts). */
export type CompletionNotifier = (deps: Deps, notice: CompletionNotice) => Promise<void>;

/**
 * The default: a WeCom text message to every supervisor, through the one outbound client (a
 * text, not a textcard: a textcard needs a page URL, and the product has no web page to open).
 */
export const wecomCompletionNotifier: CompletionNotifier = async (deps, n) => {
  const client = await wecomClient(deps, n.tenant);
  await client.sendMessage(
    withDuplicateCheck(textMessage({ touser: n.touser }, completionText(n))),
  );
};

export function completionText(n: CompletionNotice): string {
  return [
    `【完工】生产任务单 ${n.taskOrder} 已完工`,
    `物料 ${n.item}：计划 ${n.qty}，良品 ${n.reportedGood}，报废 ${n.reportedScrap}`,
    `报工单 ${n.reportNo}（${n.by}）`,
  ].join('\n');
}

/** How the outbox worker delivers a completion notice and records its outcome. */
export const completionDelivery: OutboxHandler = {
  async deliver(deps, r) {
    await deps.completionNotifier(deps, r.payload as CompletionNotice);
    return {};
  },
  delivered: (deps, r, _result, at) => completionOutcome(deps, r, { status: 'sent', at }),
  failed: (deps, r, error, at) => completionOutcome(deps, r, { status: 'failed', at, error }),
};
