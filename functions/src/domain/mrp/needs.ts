import { type Qty, qty as dec, subQty, toQtyString } from '@factory/shared';

export type NeedLine = { component: string; qtyPer: string; lossRate: string };

/**
 * What an open task (or outsourcing) order still needs of each component: its quantity
 * through the BOM, phantoms expanded (a phantom's components are needed directly), less what
 * has been issued. Components already fully issued are left out.
 */
export function unissuedNeeds(
  order: {
    item: string;
    qty: string;
    issued: readonly { item: string; qty: string }[];
    /** Explicit unissued needs (a rework order's): used as they are, no BOM explosion. */
    needs?: readonly { item: string; qty: string }[];
  },
  bom: (item: string) => readonly NeedLine[] | undefined,
  isPhantom: (item: string) => boolean,
): Map<string, string> {
  if (order.needs) {
    const sum = new Map<string, Qty>();
    for (const n of order.needs) sum.set(n.item, (sum.get(n.item) ?? dec(0)).plus(n.qty));
    return new Map([...sum].filter(([, q]) => q.gt(0)).map(([item, q]) => [item, toQtyString(q)]));
  }
  const total = new Map<string, Qty>();
  const walk = (item: string, q: Qty, depth: number) => {
    if (depth > 64) return; // structures are cycle-free; this only bounds bad data
    for (const l of bom(item) ?? []) {
      const need = q.times(l.qtyPer).times(dec(1).plus(l.lossRate));
      if (isPhantom(l.component)) walk(l.component, need, depth + 1);
      else total.set(l.component, (total.get(l.component) ?? dec(0)).plus(need));
    }
  };
  walk(order.item, dec(order.qty), 0);
  const out = new Map<string, string>();
  for (const [c, q] of total) {
    const issued = order.issued.filter((i) => i.item === c).map((i) => i.qty);
    const left = issued.reduce((a, b) => subQty(a, b), toQtyString(q));
    if (dec(left).gt(0)) out.set(c, left);
  }
  return out;
}
