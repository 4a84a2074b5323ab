import { wecomClient } from '../../wecom/client.js';
import { textMessage, withDuplicateCheck } from '../../wecom/messages.js';
import type { OutboxHandler } from '../outbox/handler.js';
import type { CostingNotice } from './run.js';

/** The requester's text: the period costed (what it came to) or why it failed. */
export function costingText(n: CostingNotice): string {
  return n.ok
    ? [`【成本核算完成】期间 ${n.period}`, n.summary, '请在小程序「成本」中查看成本计算单'].join(
        '\n',
      )
    : [`【成本核算失败】期间 ${n.period}`, n.summary].join('\n');
}

/** How the outbox worker delivers a costing notice: a WeCom text to the requester. */
export const costingNoticeDelivery: OutboxHandler = {
  async deliver(deps, r) {
    const n = r.payload as CostingNotice;
    const client = await wecomClient(deps, n.tenant);
    await client.sendMessage(withDuplicateCheck(textMessage({ touser: n.touser }, costingText(n))));
    return {};
  },
  delivered: () => [],
  failed: () => [],
};
