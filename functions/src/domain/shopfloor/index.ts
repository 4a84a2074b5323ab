export * from './types.js';
export { backflush, type BackflushIssue } from './backflush.js';
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
