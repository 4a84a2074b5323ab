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
  stockOwner,
  handTransferIssues,
} from './plan.js';
export {
  customerStockColumn,
  customerStockTotals,
  type CustomerStockTotals,
} from './customerStock.js';
