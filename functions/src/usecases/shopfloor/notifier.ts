import type { Deps } from '../../deps.js';
import { wecomClient } from '../../wecom/client.js';
import { textMessage } from '../../wecom/messages.js';

/** A task order reached its quantity: what the supervisors are told. */
export type CompletionNotice = {
  tenant: string;
  touser: string[];
  taskOrder: string;
  item: string;
  qty: string;
  reportedGood: string;
  reportedScrap: string;
  reportNo: string;
  by: string;
};

/** The port `deps.completionNotifier`; tests swap it with `useCompletionNotifier` (deps.ts). */
export type CompletionNotifier = (deps: Deps, notice: CompletionNotice) => Promise<void>;

/**
 * The default: a WeCom text message to every supervisor, through the one outbound client (a
 * text, not a textcard: a textcard needs a page URL, and the product has no web page to open).
 */
export const wecomCompletionNotifier: CompletionNotifier = async (deps, n) => {
  const client = await wecomClient(deps, n.tenant);
  await client.sendMessage(textMessage({ touser: n.touser }, completionText(n)));
};

export function completionText(n: CompletionNotice): string {
  return [
    `【完工】生产任务单 ${n.taskOrder} 已完工`,
    `物料 ${n.item}：计划 ${n.qty}，良品 ${n.reportedGood}，报废 ${n.reportedScrap}`,
    `报工单 ${n.reportNo}（${n.by}）`,
  ].join('\n');
}
