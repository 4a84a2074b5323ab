import { type MoneySnapshot, lineAmountFen, fenMoney } from '@factory/shared';
import { lookupPrice, type PriceEntry } from '../purchasing/priceList.js';

/**
 * The processing fee (加工费, DOMAIN.md "Outsourcing"): the order's price is the price policy's
 * break of the order's quantity in force on the order date; each receipt accrues (暂估)
 * received × that price, rounded half up to the fen; a return of product to the subcontractor
 * takes back its quantity at the price its receipt accrued.
 */

/** The order's processing price, or undefined when no policy entry is in force. */
export function orderProcessingPrice(
  entries: readonly PriceEntry[],
  order: { supplier: string; item: string; qty: string; date: string },
): string | undefined {
  return lookupPrice(entries, { ...order })?.unitPrice;
}

/** qty × unit price, half up to the fen. */
export function processingFee(qty: string, unitPrice: string): MoneySnapshot {
  return fenMoney(lineAmountFen(qty, unitPrice));
}

/** What an order's receipts accrued, less what returns of product took back. */
export function accruedFee(
  documents: readonly { kind: string; fee?: MoneySnapshot }[],
): MoneySnapshot {
  let total = 0;
  for (const d of documents) {
    if (!d.fee) continue;
    if (d.kind === 'receipt') total += d.fee.amount;
    else if (d.kind === 'productReturn') total -= d.fee.amount;
  }
  return fenMoney(total);
}
