import type { Session, TaskOrderProgress } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { outboxRepo, type OutboxRecord } from '../../store/outboxRepo.js';
import type { TxItem } from '../../store/transact.js';
import { workReportRepo, type WorkReportNotice } from '../../store/workReportRepo.js';
import { wecomClient } from '../../wecom/client.js';
import { textMessage, withDuplicateCheck } from '../../wecom/messages.js';
import type { OutboxHandler } from '../outbox/handler.js';

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

/**
 * The completion notice of a report that completed its order, to commit with the report: the
 * notice record (`NOTICE#<report>`, listed with the reports: `queued`, then `sent` or
 * `failed` when the outbox worker is done; `skipped` without supervisors) and the outbox
 * record. The report never waits on WeCom or fails because of it.
 */
export function completionNoticeItems(
  deps: Deps,
  s: Session,
  order: TaskOrderProgress,
  reportNo: string,
  at: string,
  touser: string[],
): TxItem[] {
  const base = { taskOrder: order.no, report: reportNo, at };
  if (!touser.length) {
    return [
      workReportRepo(deps, s.tenant).noticeItem({
        ...base,
        status: 'skipped',
        reason: 'no supervisors',
      }),
    ];
  }
  const notice: CompletionNotice = {
    tenant: s.tenant,
    touser,
    taskOrder: order.no,
    item: order.item,
    qty: order.qty,
    reportedGood: order.reportedGood,
    reportedScrap: order.reportedScrap,
    reportNo,
    by: s.name ?? s.user,
  };
  return [
    workReportRepo(deps, s.tenant).noticeItem({ ...base, status: 'queued', recipients: touser }),
    outboxRepo(deps, s.tenant).enqueueItem(deps.newId(), at, {
      kind: 'completionNotice',
      payload: notice,
      summary: `完工通知：生产任务单 ${order.no}（报工单 ${reportNo}）`,
      recipients: touser,
      ref: { taskOrder: order.no, report: reportNo },
    }),
  ];
}

function outcome(
  deps: Deps,
  r: OutboxRecord,
  o: Pick<WorkReportNotice, 'status' | 'at' | 'error'>,
) {
  const n = r.payload as CompletionNotice;
  return [
    workReportRepo(deps, r.tenant).noticeItem({
      taskOrder: n.taskOrder,
      report: n.reportNo,
      recipients: n.touser,
      ...o,
    }),
  ];
}

/** How the outbox worker delivers a completion notice and records its outcome. */
export const completionDelivery: OutboxHandler = {
  async deliver(deps, r) {
    await deps.completionNotifier(deps, r.payload as CompletionNotice);
    return {};
  },
  delivered: (deps, r, _result, at) => outcome(deps, r, { status: 'sent', at }),
  failed: (deps, r, error, at) => outcome(deps, r, { status: 'failed', at, error }),
  requeued: (deps, r, at) => outcome(deps, r, { status: 'queued', at }),
};
