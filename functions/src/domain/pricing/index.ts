export {
  DEFAULT_VAT_RATE,
  lineAmounts,
  orderTotals,
  totalInRange,
  type LineAmounts,
  type OrderTotals,
} from './amounts.js';
