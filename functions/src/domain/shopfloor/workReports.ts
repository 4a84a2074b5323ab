import { AppError, addQty, cmpQty, negQty } from '@factory/shared';
import { isTaskOrderCompleted } from '../states.js';
import { assertReceivable } from './receipts.js';
import type { TaskOrderFacts } from './types.js';

export type ReportQuantities = { good: string; scrap: string; hours: string };

export type ReportOutcome = {
  reportedGood: string;
  reportedScrap: string;
  status: string;
  /** The order reached its quantity with this entry (it was not complete before). */
  completed: boolean;
  /** The report goes beyond the order quantity (allowed by a supervisor). */
  overrun: boolean;
};

/**
 * Applies a work report (or a reversing entry, with negated quantities) to a task order's
 * progress. Reported good beyond the order quantity is refused (409 workReport.overrun) unless
 * the report allows the overrun. When reported good reaches the order quantity the order is
 * completed; a reversal that takes it below again reopens it.
 */
export function applyWorkReport(
  order: TaskOrderFacts,
  q: ReportQuantities,
  opts: { allowOverrun: boolean },
): ReportOutcome {
  assertReceivable('taskOrder', order.no, order.status);
  const reportedGood = addQty(order.reportedGood, q.good);
  const reportedScrap = addQty(order.reportedScrap, q.scrap);
  const increases = cmpQty(q.good, '0') > 0;
  const overrun = increases && cmpQty(reportedGood, order.qty) > 0;
  if (overrun && !opts.allowOverrun) {
    throw new AppError(
      'workReport.overrun',
      `报工超量：生产任务单 ${order.no} 计划 ${order.qty}，已报良品 ${order.reportedGood}，本次 ${q.good}；需班组长允许超量`,
      { order: order.no, ordered: order.qty, reported: order.reportedGood, requested: q.good },
    );
  }
  const done = cmpQty(reportedGood, order.qty) >= 0;
  const wasDone = isTaskOrderCompleted(order.status);
  const status = done ? 'completed' : wasDone ? 'open' : order.status;
  return { reportedGood, reportedScrap, status, completed: done && !wasDone, overrun };
}

/** The quantities of the entry that reverses a report. */
export function reversalOf(q: ReportQuantities): ReportQuantities {
  return { good: negQty(q.good), scrap: negQty(q.scrap), hours: negQty(q.hours) };
}
