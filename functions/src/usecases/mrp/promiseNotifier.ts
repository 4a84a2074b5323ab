import { wecomClient } from '../../wecom/client.js';
import { textMessage, withDuplicateCheck } from '../../wecom/messages.js';
import type { OutboxHandler } from '../outbox/handler.js';
import type { PromiseNotice } from './promises.js';

/** The rep's text: which promise the plan cannot keep, and the earliest day it can. */
export function promiseText(n: PromiseNotice): string {
  return [
    `【交期预警】销售订单 ${n.no} 第 ${n.line} 行无法按承诺交货`,
    `物料 ${n.item}，数量 ${n.qty}：承诺交期 ${n.promisedDate}，按最新计划最早 ${n.expected}`,
    '请与客户沟通交期，或联系计划员调整计划',
  ].join('\n');
}

/** How the outbox worker delivers a broken-promise notice: a WeCom text to the rep. */
export const promiseNoticeDelivery: OutboxHandler = {
  async deliver(deps, r) {
    const n = r.payload as PromiseNotice;
    const client = await wecomClient(deps, n.tenant);
    await client.sendMessage(withDuplicateCheck(textMessage({ touser: n.touser }, promiseText(n))));
    return {};
  },
  delivered: () => [],
  failed: () => [],
};
