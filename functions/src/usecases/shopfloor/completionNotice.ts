import type { Session, TaskOrderProgress } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { outboxRepo, type OutboxRecord } from '../../store/outboxRepo.js';
import type { TxItem } from '../../store/transact.js';
import { workReportRepo, type WorkReportNotice } from '../../store/workReportRepo.js';

// A completion notice as written with the work report and its outcome on the notice record:
// plain data, so reporting and resending load no WeCom code (notifier.ts delivers it).

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

/** What a completion notice's outbox outcome writes on its notice record. */
export function completionOutcome(
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
