export {
  priceLines,
  expectOrderStatus,
  statusLabel,
  type SalesItemInfo,
  type CustomerInfo,
  type SalesTotals,
} from './order.js';
