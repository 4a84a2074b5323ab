import { wecomClient } from '../../wecom/client.js';
import { textMessage, withDuplicateCheck } from '../../wecom/messages.js';
import { fitText } from '../../wecom/textFit.js';
import type { OutboxHandler } from '../outbox/handler.js';
import type { InspectionNotice } from './openings.js';

const KIND_LABEL: Record<InspectionNotice['kind'], string> = {
  purchase: '采购入库',
  outsourcing: '委外入库',
  production: '生产入库',
  customerReturn: '销售退货',
};

/** The notice as a WeCom text (≤ 2048 bytes: a long receipt is cut with a count). */
export function inspectionText(n: InspectionNotice): string {
  const head = [
    `【待检】${KIND_LABEL[n.kind]} ${n.receipt} 有 ${n.orders.length} 行待检验`,
    ...(n.partner ? [`往来单位：${n.partner}`] : []),
    `仓库：${n.warehouse}`,
  ];
  const lines = n.orders.map(
    (o) => `${o.no}：${o.itemName ? `${o.itemName}（${o.item}）` : o.item} ${o.qty}${o.unit ?? ''}`,
  );
  const tail = [`入库人：${n.by}`, '请在小程序「检验」中录入结果'];
  return fitText(head, lines, tail);
}

/** How the outbox worker delivers an inspection notice: a WeCom text to the inspectors. */
export const inspectionNoticeDelivery: OutboxHandler = {
  async deliver(deps, r) {
    const n = r.payload as InspectionNotice;
    const client = await wecomClient(deps, n.tenant);
    await client.sendMessage(
      withDuplicateCheck(textMessage({ touser: n.touser }, inspectionText(n))),
    );
    return {};
  },
  delivered: () => [],
  failed: () => [],
};
