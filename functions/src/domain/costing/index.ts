export * from './types.js';
export { costPeriod } from './period.js';
export { shares, unitCostText, yuanText, fenOf, scaledQty, qtyText } from './shares.js';
export { costMovesOf, inLedgerOrder, type LedgerDocument, COSTING_REASONS } from './ledger.js';
export {
  monthPeriod,
  nextMonth,
  previousMonth,
  inPeriod,
  periodBounds,
  periodOfDate,
  costingRefusal,
  closeRefusal,
  reopenRefusal,
  type PeriodStatus,
} from './periods.js';
export { carryForward, withCarried } from './carry.js';
