import type { CostMove } from './types.js';
import { lineAmountFen } from '@factory/shared';
import { fenOf, proportionalValue, scaledQty, shares } from './shares.js';

/** A consumer of an item (rule 2) and the value it took; negative ones came in instead. */
export type Consumer = {
  key: string;
  kind: 'issue' | 'consume' | 'delivery' | 'scrap' | 'count' | 'other';
  order?: string;
  /** The document line of a consumer that is one line (not an order's net issues). */
  doc?: string;
  line?: number;
  /** Net quantity out (scaled); negative: it came in. */
  net: bigint;
  value: bigint;
};

export type ItemFlow = {
  item: string;
  openingQty: bigint;
  openingValue: bigint;
  purchases: bigint;
  outputs: bigint;
  adjustments: bigint;
  /** What rework orders cost in the period (an adjustment from inside: not an inflow). */
  reworked: bigint;
  /** Quantity received: purchases (net of returns) and outputs. */
  receiptQty: bigint;
  consumers: Consumer[];
  closingQty: bigint;
  closingValue: bigint;
  priceDifference: bigint;
  /** V and Q of the period (for the unit cost). */
  value: bigint;
  qty: bigint;
};

/** Where a move counts among an item's consumers, or undefined when it is a receipt. */
function consumerOf(
  m: CostMove,
): Pick<Consumer, 'key' | 'kind' | 'order' | 'doc' | 'line'> | undefined {
  switch (m.kind) {
    case 'issue':
    case 'consume':
      return { key: `${m.kind}:${m.order ?? ''}`, kind: m.kind, order: m.order };
    case 'delivery':
    case 'scrap':
    case 'count':
    case 'other':
      return { key: `${m.kind}:${m.doc}:${m.line}`, kind: m.kind, doc: m.doc, line: m.line };
    case 'output':
      // A product given back after its receipt (to the subcontractor) leaves like any line.
      return scaledQty(m.qty) < 0n
        ? { key: `other:${m.doc}:${m.line}`, kind: 'other', doc: m.doc, line: m.line }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Rule 2 for one item: the weighted average of the period shared over its consumers in order
 * of their first move, closing stock last. `outputValue` gives each output move's value (the
 * order's output share, step 5), known because the orders producing the item came first.
 * Returns undefined for the consumers' shares when the item closes below zero (the caller
 * refuses the period, naming every such item).
 */
export function costItem(
  item: string,
  opening: { qty: bigint; value: bigint },
  moves: readonly { move: CostMove; index: number }[],
  outputValue: (index: number) => bigint,
  /** Value-only adjustments from outside the ledger: rework orders' costs (rule 6). */
  reworkCost = 0n,
): ItemFlow {
  let purchases = 0n;
  let outputs = 0n;
  let adjustments = 0n;
  let receiptQty = 0n;
  const consumers = new Map<string, Consumer>();
  for (const { move: m, index } of moves) {
    const q = scaledQty(m.qty);
    const consumer = consumerOf(m);
    if (consumer) {
      const c = consumers.get(consumer.key) ?? { ...consumer, net: 0n, value: 0n };
      c.net -= q;
      consumers.set(consumer.key, c);
      continue;
    }
    if (m.kind === 'purchase') {
      const sign = q < 0n ? -1n : 1n;
      const abs = q < 0n ? m.qty.replace('-', '') : m.qty;
      purchases +=
        m.value !== undefined ? fenOf(m.value) : sign * BigInt(lineAmountFen(abs, m.price ?? '0'));
      receiptQty += q;
    } else if (m.kind === 'output') {
      outputs += outputValue(index);
      receiptQty += q;
    } else if (m.kind === 'adjustment') {
      adjustments += fenOf(m.value ?? '0');
    }
  }
  // Negative consumers come in at V′/Q′: the opening and the receipts other than themselves.
  const qPrime = opening.qty + receiptQty;
  const vPrimeRaw = opening.value + purchases + outputs + adjustments + reworkCost;
  const vPrime = vPrimeRaw < 0n ? 0n : vPrimeRaw;
  const list = [...consumers.values()];
  let value = vPrimeRaw;
  let qty = qPrime;
  for (const c of list) {
    if (c.net >= 0n) continue;
    c.value = qPrime > 0n ? -proportionalValue(vPrime, -c.net, qPrime) : 0n;
    value -= c.value;
    qty -= c.net;
  }
  let priceDifference = 0n;
  if (value < 0n) {
    // Adjustments never take V below zero: the excess is the price difference.
    priceDifference = value;
    value = 0n;
  }
  const out = list.filter((c) => c.net > 0n);
  const closingQty = qty - out.reduce((a, c) => a + c.net, 0n);
  let closingValue = 0n;
  if (qty === 0n) {
    priceDifference += value;
  } else if (closingQty >= 0n) {
    const split = shares(value, [...out.map((c) => c.net), closingQty])!;
    out.forEach((c, i) => (c.value = split[i]!));
    closingValue = split[out.length]!;
  }
  return {
    item,
    openingQty: opening.qty,
    openingValue: opening.value,
    purchases,
    outputs,
    adjustments,
    reworked: reworkCost,
    receiptQty,
    consumers: list,
    closingQty,
    closingValue,
    priceDifference,
    value: qty === 0n ? 0n : value,
    qty,
  };
}
