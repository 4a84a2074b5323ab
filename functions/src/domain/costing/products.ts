import { divHalfUp, fenOf, qtyText, scaledQty, unitCostText, yuanText } from './shares.js';
import type { CostingResult } from './types.js';

/** A delivery line's sales amount (excluding VAT), where its sales order line has a price. */
export type DeliverySale = { doc: string; line: number; amountFen: bigint };

export type ProductCost = {
  item: string;
  received: string;
  completed: string;
  unitCost: string | null;
  elements: {
    openingWip: string;
    material: string;
    pools: Record<string, string>;
    outsourcingFee: string;
  };
  deliveredQty: string;
  salesAmount: string;
  salesUnitPrice: string | null;
  deliveredCost: string;
  grossMargin: string;
  marginRate: string | null;
};

/**
 * Per product (the item of the period's task and outsourcing orders, rework aside): what its
 * orders completed, of what, at what unit cost; and against it what the period's deliveries of
 * it sold for and cost (their value out of stock, rule 2): the gross margin. Elements: the
 * orders' opening WIP, their direct material, each pool and the fee, as costed this period
 * (what stays in WIP is in none of them: completed = elements − closing WIP − loss).
 */
export function productCosts(
  result: CostingResult,
  sales: readonly DeliverySale[],
  poolCodes: readonly string[],
): ProductCost[] {
  type Sum = {
    received: bigint;
    completed: bigint;
    openingWip: bigint;
    material: bigint;
    pools: Map<string, bigint>;
    fee: bigint;
    deliveredQty: bigint;
    deliveredCost: bigint;
    sales: bigint;
    priced: bigint;
    pricedCost: bigint;
  };
  const byItem = new Map<string, Sum>();
  const sumOf = (item: string): Sum => {
    let s = byItem.get(item);
    if (!s) {
      s = {
        received: 0n,
        completed: 0n,
        openingWip: 0n,
        material: 0n,
        pools: new Map(poolCodes.map((c) => [c, 0n])),
        fee: 0n,
        deliveredQty: 0n,
        deliveredCost: 0n,
        sales: 0n,
        priced: 0n,
        pricedCost: 0n,
      };
      byItem.set(item, s);
    }
    return s;
  };
  for (const o of result.orders) {
    const s = sumOf(o.item);
    s.received += scaledQty(o.received);
    s.completed += fenOf(o.completed);
    s.openingWip += fenOf(o.openingWip);
    s.material += fenOf(o.material);
    for (const [code, v] of Object.entries(o.pools))
      s.pools.set(code, (s.pools.get(code) ?? 0n) + fenOf(v));
    s.fee += fenOf(o.outsourcingFee);
  }
  const saleOf = new Map(sales.map((x) => [`${x.doc}:${x.line}`, x.amountFen]));
  for (const c of result.consumers) {
    if (c.kind !== 'delivery' || !byItem.has(c.item)) continue;
    const s = sumOf(c.item);
    s.deliveredQty += scaledQty(c.qty);
    s.deliveredCost += fenOf(c.value);
    const sale = saleOf.get(`${c.doc}:${c.line}`);
    if (sale !== undefined) {
      s.sales += sale;
      s.priced += scaledQty(c.qty);
      s.pricedCost += fenOf(c.value);
    }
  }
  return [...byItem]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([item, s]) => {
      // Unpriced deliveries (imported orders) are left out of the margin on both sides.
      const margin = s.sales - s.pricedCost;
      return {
        item,
        received: qtyText(s.received),
        completed: yuanText(s.completed),
        unitCost: unitCostText(s.completed, s.received),
        elements: {
          openingWip: yuanText(s.openingWip),
          material: yuanText(s.material),
          pools: Object.fromEntries([...s.pools].map(([k, v]) => [k, yuanText(v)])),
          outsourcingFee: yuanText(s.fee),
        },
        deliveredQty: qtyText(s.deliveredQty),
        salesAmount: yuanText(s.sales),
        salesUnitPrice: unitCostText(s.sales, s.priced),
        deliveredCost: yuanText(s.deliveredCost),
        grossMargin: yuanText(margin),
        // Percent, two decimals, half up: margin × 10000 / sales in hundredths of a percent.
        marginRate: s.sales > 0n ? percentText(divHalfUp(margin * 10_000n, s.sales)) : null,
      };
    });
}

function percentText(hundredths: bigint): string {
  const sign = hundredths < 0n ? '-' : '';
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
