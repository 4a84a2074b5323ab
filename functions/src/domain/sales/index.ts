export {
  priceToFen,
  lineAmount,
  totalOf,
  priceLines,
  expectOrderStatus,
  statusLabel,
  type SalesItemInfo,
  type CustomerInfo,
} from './order.js';
