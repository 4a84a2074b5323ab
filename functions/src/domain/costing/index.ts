export * from './types.js';
export { costPeriod } from './period.js';
export { shares, lineValue, unitCostText, yuanText, fenOf, scaledQty, qtyText } from './shares.js';
