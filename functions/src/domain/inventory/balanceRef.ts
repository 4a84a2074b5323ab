import type { BalanceRef } from './types.js';

export function balanceId(b: BalanceRef): string {
  const base = `${b.item}|${b.warehouse}|${b.status}|${b.lot}|${b.trackingNo}`;
  return b.customer ? `${base}|${b.customer}` : base;
}
