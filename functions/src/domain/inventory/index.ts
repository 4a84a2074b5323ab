export * from './types.js';
export { balanceId } from './balanceRef.js';
export {
  planReceipt,
  receiptStatus,
  INSPECTED_KIND_OF_REASON,
  planIssue,
  planTransfer,
  planAdjustment,
  balanceChanges,
  postingOrder,
} from './plan.js';
