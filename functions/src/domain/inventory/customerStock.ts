import { type Qty, type Move, qty, toQtyString } from '@factory/shared';

/** The columns of the per-customer report a move of customer stock counts in. */
export type CustomerStockColumn = 'received' | 'issued' | 'returned' | 'adjusted';

/** Receipts of these reasons are material from the customer (opening: held before go-live). */
const RECEIVED_REASONS = new Set(['customerSupplied', 'opening']);

/**
 * Where a move of customer stock counts (DOMAIN.md, 客供料): receipts from the customer are
 * received; issues to task orders, and returns from them (both name the order), are issued,
 * net; issues back to the customer are returned; counts, scrap and anything else adjust.
 * A transfer between customer-supplied warehouses changes nothing the customer owns.
 */
export function customerStockColumn(
  m: Pick<Move, 'docKind' | 'taskOrder' | 'reason'>,
): CustomerStockColumn | undefined {
  if (m.docKind === 'transfer') return undefined;
  if (m.taskOrder) return 'issued';
  if (m.docKind === 'receipt' && m.reason && RECEIVED_REASONS.has(m.reason)) return 'received';
  if (m.docKind === 'issue' && m.reason === 'returnToCustomer') return 'returned';
  return 'adjusted';
}

export type CustomerStockTotals = {
  customer: string;
  item: string;
  received: string;
  issued: string;
  returned: string;
  adjusted: string;
  onHand: string;
  requested: string;
};

type Sums = Record<CustomerStockColumn | 'onHand' | 'requested', Qty>;

/**
 * Totals per customer and item from the ledger moves of customer stock and its balances.
 * Issued and returned count what left (positive); adjusted is signed. On hand is the
 * balances' sum, which equals received − issued − returned + adjusted when the ledger is whole.
 * `pairs` adds customer × item lines with no stock yet; `requested` sums what the plan asks
 * each customer for (and adds its line).
 */
export function customerStockTotals(
  moves: readonly Pick<Move, 'item' | 'customer' | 'qty' | 'docKind' | 'taskOrder' | 'reason'>[],
  balances: readonly { item: string; customer?: string; qty: string }[],
  pairs: readonly { customer: string; item: string }[] = [],
  requests: readonly { customer: string; item: string; qty: string }[] = [],
): CustomerStockTotals[] {
  const sums = new Map<string, { customer: string; item: string; sums: Sums }>();
  const at = (customer: string, item: string) => {
    const key = `${customer}\u0000${item}`;
    let found = sums.get(key);
    if (!found) {
      const zero = qty(0);
      found = {
        customer,
        item,
        sums: {
          received: zero,
          issued: zero,
          returned: zero,
          adjusted: zero,
          onHand: zero,
          requested: zero,
        },
      };
      sums.set(key, found);
    }
    return found.sums;
  };
  for (const p of pairs) at(p.customer, p.item);
  for (const r of requests) {
    const s = at(r.customer, r.item);
    s.requested = s.requested.plus(qty(r.qty));
  }
  for (const m of moves) {
    if (!m.customer) continue;
    const column = customerStockColumn(m);
    if (!column) continue;
    const s = at(m.customer, m.item);
    const q = qty(m.qty);
    s[column] =
      column === 'issued' || column === 'returned' ? s[column].minus(q) : s[column].plus(q);
  }
  for (const b of balances) {
    if (!b.customer) continue;
    const s = at(b.customer, b.item);
    s.onHand = s.onHand.plus(qty(b.qty));
  }
  // Keys are customer NUL item: plain string order is customer, then item.
  return [...sums.keys()]
    .sort()
    .map((key) => sums.get(key)!)
    .map(({ customer, item, sums: s }) => ({
      customer,
      item,
      received: toQtyString(s.received),
      issued: toQtyString(s.issued),
      returned: toQtyString(s.returned),
      adjusted: toQtyString(s.adjusted),
      onHand: toQtyString(s.onHand),
      requested: toQtyString(s.requested),
    }));
}
