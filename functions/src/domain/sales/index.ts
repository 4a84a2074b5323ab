export {
  priceLines,
  expectOrderStatus,
  statusLabel,
  type SalesItemInfo,
  type CustomerInfo,
  type SalesTotals,
} from './order.js';
export { issuedPercent, expectedCompletion, type NeedIssued } from './progress.js';
