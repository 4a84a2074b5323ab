export { lookupPrice, type PriceEntry } from './priceList.js';
export {
  DEFAULT_VAT_RATE,
  lineAmounts,
  orderTotals,
  totalInRange,
  type LineAmounts,
  type OrderTotals,
} from '../pricing/index.js';
export {
  priceLines,
  expectPurchaseStatus,
  expectCancellable,
  statusAfterEdit,
  closeLine,
  statusLabel,
  type PurchaseItemInfo,
  type SupplierInfo,
  type PurchaseAction,
} from './order.js';
export {
  planPurchaseReturn,
  statusAfterReturn,
  valueFen,
  type PlannedReturn,
  type ReceiptFacts,
  type ReceiptMoveFacts,
} from './returns.js';
export {
  escapeHtml,
  renderExpiredPage,
  renderPurchaseOrderPage,
  type SharePageContext,
} from './sharePage.js';
