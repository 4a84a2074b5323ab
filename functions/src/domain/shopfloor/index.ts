export * from './types.js';
export {
  backflush,
  addConsumed,
  type BackflushIssue,
  type BackflushReceipt,
  type BackflushOutcome,
} from './backflush.js';
export {
  planPurchaseReceipt,
  checkProductionReceipt,
  addIssued,
  assertReceivable,
  type PlannedPurchaseLine,
} from './receipts.js';
export {
  applyWorkReport,
  reversalOf,
  type ReportQuantities,
  type ReportOutcome,
} from './workReports.js';
export { assigneeScope, inScope, distinctAssignees, type AssigneeScope } from './assignees.js';
