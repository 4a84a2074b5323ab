import type { BalanceRef } from './types.js';

export function balanceId(b: BalanceRef): string {
  return `${b.item}|${b.warehouse}|${b.status}|${b.lot}|${b.trackingNo}`;
}
