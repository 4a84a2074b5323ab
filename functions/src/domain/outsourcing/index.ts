export type {
  HeldAt,
  OutsourcingDocumentKind,
  OutsourcingNeed,
  OutsourcingOrderRecord,
} from './types.js';
export {
  addHeld,
  asTaskNeeds,
  assertAction,
  checkReceipt,
  componentsOf,
  consumption,
  hasMoved,
  openingUse,
  outsourcingState,
  statusAfterReceived,
  subcontractorWarehouse,
  toOutsourcingNeeds,
  type OutsourcingAction,
  type SubcontractorWarehouseFacts,
} from './rules.js';
export { accruedFee, orderProcessingPrice, processingFee } from './fees.js';
export {
  feeStatement,
  receiptAccruedFen,
  settlementLine,
  orderSettlementLines,
  settlementRefusal,
  yuanToFen,
  type SettledFacts,
} from './settlement.js';
