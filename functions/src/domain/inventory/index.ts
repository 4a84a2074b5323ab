export * from './types.js';
export { balanceId } from './balanceRef.js';
export {
  planReceipt,
  planIssue,
  planTransfer,
  planAdjustment,
  balanceChanges,
  postingOrder,
} from './plan.js';
