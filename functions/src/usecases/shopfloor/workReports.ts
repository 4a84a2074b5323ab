import {
  AppError,
  type Session,
  type WorkReport,
  type WorkReportList,
  type WorkReportRequest,
  type WorkReportResult,
  type WorkReportReverse,
  cmpQty,
  notFound,
  subQty,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  type ReportQuantities,
  type TaskOrderFacts,
  applyWorkReport,
  reversalOf,
} from '../../domain/shopfloor/index.js';
import { keys } from '../../store/keys.js';
import { orderRepo } from '../../store/orderRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { type TxItem } from '../../store/transact.js';
import { userRepo } from '../../store/userRepo.js';
import { costingRepo } from '../../store/costingRepo.js';
import { workReportRepo } from '../../store/workReportRepo.js';
import { documentLabels } from '../labels.js';
import { getTaskOrder } from '../taskOrders/orders.js';
import type { CommitHooks } from '../hooks.js';
import { shanghaiDate } from '../time.js';
import { completionNoticeItems } from './completionNotice.js';
import { taskOrderProgress } from './progress.js';
import { assertMayOverrun } from './receipts.js';

const ATTEMPTS = 3;

/**
 * Work reports (报工): append-only entries against a task order, each written in one
 * transaction with the order's progress (reported good and scrap, status) guarded by the
 * order's `rev`. A correction is a reversing entry; a report is reversed at most once.
 */
export async function createWorkReport(
  deps: Deps,
  s: Session,
  req: WorkReportRequest,
  hooks: CommitHooks<WorkReportResult> = {},
): Promise<WorkReportResult> {
  if (req.allowOverrun) assertMayOverrun(s, 'allowOverrun');
  const q = { good: req.good, scrap: req.scrap, hours: req.hours };
  return record(
    deps,
    s,
    req.taskOrder,
    q,
    hooks,
    (no, overrun) => ({
      no,
      taskOrder: req.taskOrder,
      date: req.date,
      ...q,
      worker: req.worker ?? s.user,
      ...(req.operation ? { operation: req.operation } : {}),
      ...(req.note ? { note: req.note } : {}),
      ...(overrun ? { overrun: true } : {}),
      createdAt: deps.clock.now().toISOString(),
      createdBy: s.user,
    }),
    !!req.allowOverrun,
  );
}

export async function reverseWorkReport(
  deps: Deps,
  s: Session,
  no: string,
  req: WorkReportReverse,
  hooks: CommitHooks<WorkReportResult> = {},
): Promise<WorkReportResult> {
  const reports = workReportRepo(deps, s.tenant);
  const taskOrder = await reports.orderOf(no);
  if (taskOrder === undefined) throw notFound('workReport', no);
  const original = await reports.get(taskOrder, no);
  if (!original) throw notFound('workReport', no);
  if (original.reverses) {
    throw new AppError('request.invalid', `报工单 ${no} 本身是冲销记录，不能再冲销`, { no }, [
      { path: ['params', 'no'], message: '冲销记录不能再冲销' },
    ]);
  }
  const q = reversalOf(original);
  const marker = (reversalNo: string): TxItem => reports.reversedMarker(taskOrder, no, reversalNo);
  return record(
    deps,
    s,
    taskOrder,
    q,
    hooks,
    (rno) => ({
      no: rno,
      taskOrder,
      date: shanghaiDate(deps.clock.now()),
      ...q,
      worker: original.worker,
      ...(original.operation ? { operation: original.operation } : {}),
      note: req.reason,
      reverses: no,
      createdAt: deps.clock.now().toISOString(),
      createdBy: s.user,
    }),
    true,
    marker,
  );
}

async function record(
  deps: Deps,
  s: Session,
  taskOrderNo: string,
  q: ReportQuantities,
  hooks: CommitHooks<WorkReportResult>,
  build: (no: string, overrun: boolean) => WorkReport,
  allowOverrun: boolean,
  extra?: (no: string) => TxItem,
): Promise<WorkReportResult> {
  const orders = orderRepo(deps, s.tenant);
  const no = await nextDocumentNumber(deps, s.tenant, 'WR', shanghaiDate(deps.clock.now()));
  for (let attempt = 1; ; attempt++) {
    const order = await orders.getTaskOrder(taskOrderNo);
    if (!order) throw notFound('taskOrder', taskOrderNo);
    const outcome = applyWorkReport(order, q, { allowOverrun });
    const report = build(no, outcome.overrun);
    const next: TaskOrderFacts = {
      ...order,
      reportedGood: outcome.reportedGood,
      reportedScrap: outcome.reportedScrap,
      status: outcome.status,
    };
    const result: WorkReportResult = {
      report,
      taskOrder: taskOrderProgress(next),
      completed: outcome.completed,
    };
    const at = report.createdAt;
    // Completing tells the supervisors, through the outbox, in this same transaction.
    const notice = outcome.completed
      ? completionNoticeItems(deps, s, result.taskOrder, no, at, await supervisors(deps, s))
      : [];
    const items: TxItem[] = [
      ...workReportRepo(deps, s.tenant).createItems(report),
      ...(extra ? [extra(no)] : []),
      orders.update(
        'taskOrder',
        order.no,
        order.rev,
        {
          reportedGood: outcome.reportedGood,
          reportedScrap: outcome.reportedScrap,
          status: outcome.status,
          // Completing moves the order among the done ones; a reversal brings it back.
          gsi1sk: keys.taskOrderIndexSk({ ...order, status: outcome.status }),
          ...(outcome.completed ? { completedAt: at } : {}),
        },
        at,
      ),
      ...notice,
      // Its hours are labour's basis: a report dated in a closed period is refused.
      costingRepo(deps, s.tenant).openCheck(report.date),
      ...(hooks.onComplete?.(result) ?? []),
    ];
    try {
      await deps.unitOfWork.commit(items);
    } catch (err) {
      const conflict =
        err instanceof AppError &&
        err.code === 'resource.versionConflict' &&
        err.details?.entity === 'taskOrder';
      if (conflict && attempt < ATTEMPTS) continue;
      throw err;
    }
    return result;
  }
}

/** The active supervisors' WeCom userids (who hear of a completed order). */
async function supervisors(deps: Deps, s: Session): Promise<string[]> {
  return (await userRepo(deps, s.tenant).listByRole('supervisor')).map((u) => u.userid);
}

export async function listWorkReports(
  deps: Deps,
  s: Session,
  taskOrderNo: string,
): Promise<WorkReportList> {
  const order = await orderRepo(deps, s.tenant).getTaskOrder(taskOrderNo);
  if (!order) throw notFound('taskOrder', taskOrderNo);
  const { reports, notices } = await workReportRepo(deps, s.tenant).list(taskOrderNo);
  // Each need's required and issued quantities, as picking reads them (an imported order's
  // needs are computed and kept on this first read, as for picking).
  const { needs: pickable } = await getTaskOrder(deps, s, taskOrderNo);
  const needs = pickable.map((n) => ({
    item: n.item,
    required: n.required,
    issued: n.issued,
    open: cmpQty(n.issued, n.required) >= 0 ? '0' : subQty(n.required, n.issued),
  }));
  const labels = await documentLabels(deps, s.tenant, {
    items: [order.item, ...order.issued.map((i) => i.item), ...needs.map((n) => n.item)],
    users: reports.map((r) => r.worker),
  });
  return {
    taskOrder: taskOrderProgress(order),
    needs,
    labels,
    reports,
    notices,
  };
}
