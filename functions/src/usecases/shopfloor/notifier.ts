import type { Deps } from '../../deps.js';
import { wecomClient } from '../../wecom/client.js';
import { textcardMessage } from '../../wecom/messages.js';

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

export type CompletionNotifier = (deps: Deps, notice: CompletionNotice) => Promise<void>;

/** The default: a WeCom textcard to every supervisor, through the one outbound client. */
const wecom: CompletionNotifier = async (deps, n) => {
  const client = await wecomClient(deps, n.tenant);
  await client.sendMessage(
    textcardMessage(
      { touser: n.touser },
      {
        title: `生产任务单 ${n.taskOrder} 已完工`,
        description: `物料 ${n.item}：计划 ${n.qty}，良品 ${n.reportedGood}，报废 ${n.reportedScrap}（报工单 ${n.reportNo}，${n.by}）`,
        url: `https://work.weixin.qq.com/?taskOrder=${encodeURIComponent(n.taskOrder)}`,
        btntxt: '查看',
      },
    ),
  );
};

let current: CompletionNotifier = wecom;

/** Tests replace the notifier; undefined restores WeCom. */
export function useCompletionNotifier(notifier: CompletionNotifier | undefined): void {
  current = notifier ?? wecom;
}

export function completionNotifier(): CompletionNotifier {
  return current;
}
