import { type StockDocument, moneyToDecimalString, qty } from '@factory/shared';
import type { CostMove } from './types.js';

/** A posted stock document as costing reads it (the ledger, rule 2's receipts and consumers). */
export type LedgerDocument = Pick<StockDocument, 'no' | 'kind' | 'date' | 'reason' | 'ref'> & {
  moves: StockDocument['moves'];
};

/** Document reasons with a meaning for costing (the use cases that post them own them). */
export const COSTING_REASONS = {
  production: 'production',
  outsourcing: 'outsourcing',
  outsourcingReturn: 'outsourcingReturn',
  costAdjustment: 'costAdjustment',
  return: 'return',
  sales: 'sales',
  scrap: 'scrap',
  purchaseReturn: 'purchaseReturn',
  opening: 'opening',
} as const;

/**
 * What each line of a posted document is to costing. Customer-owned stock is never ours
 * (rule 3: zero), so its lines are left out. Receipts of a production or outsourcing order:
 * the product is the order's output, the lines taken out (backflush, consumption at the
 * subcontractor) its consumption at receipt. Lines naming a task order are its net issues
 * (issues out, returns in). A receipt line with a unit cost (a purchase) and a purchase return
 * come in (or go back) at that price; opening-balance receipts are no move of costing at all; a settlement's
 * difference is a value-only adjustment; deliveries (and customers' returns), scrap and counts
 * are consumers; anything else is an `other` line, valued at the period's average.
 */
export function costMovesOf(doc: LedgerDocument): CostMove[] {
  const R = COSTING_REASONS;
  // Go-live stock (an imported opening balance) is where the ledger starts; where costing
  // starts, with its values, is costing's own opening (docs/costing.md).
  if (doc.reason === R.opening) return [];
  return doc.moves
    .filter((m) => !m.customer)
    .map((m): CostMove => {
      const base = { item: m.item, qty: m.qty, doc: doc.no, line: m.lineNo, date: doc.date };
      const order = m.taskOrder ?? doc.ref;
      const out = qty(m.qty).isNegative();
      if (doc.kind === 'transfer') return { ...base, kind: 'transfer' };
      if (doc.kind === 'adjustment') return { ...base, kind: 'count' };
      if (doc.reason === R.production || doc.reason === R.outsourcing) {
        if (doc.kind === 'receipt' && order) {
          return { ...base, kind: out ? 'consume' : 'output', order };
        }
      }
      if (doc.reason === R.outsourcingReturn && doc.ref) {
        return { ...base, kind: 'output', order: doc.ref };
      }
      if (doc.reason === R.costAdjustment && m.value) {
        return { ...base, kind: 'adjustment', value: moneyToDecimalString(m.value) };
      }
      if (m.taskOrder) return { ...base, kind: 'issue', order: m.taskOrder };
      if (m.unitCost && (doc.kind === 'receipt' || doc.reason === R.purchaseReturn)) {
        return { ...base, kind: 'purchase', price: moneyToDecimalString(m.unitCost) };
      }
      if (doc.reason === R.sales || (doc.kind === 'receipt' && doc.reason === R.return)) {
        return { ...base, kind: 'delivery' };
      }
      if (doc.kind === 'issue' && doc.reason === R.scrap) return { ...base, kind: 'scrap' };
      return { ...base, kind: 'other' };
    });
}

/** Codes and dates compare as plain strings (DOMAIN.md: `MO-10` before `MO-9`). */
export function textOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Costing's order of the ledger: date, then document number, then line. */
export function inLedgerOrder(moves: readonly CostMove[]): CostMove[] {
  return [...moves].sort(
    (a, b) => textOrder(a.date, b.date) || textOrder(a.doc, b.doc) || a.line - b.line,
  );
}
