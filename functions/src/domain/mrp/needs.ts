import { type Qty, qty as dec, subQty, toQtyString } from '@factory/shared';
import { walkBom } from '../bom/walk.js';

export type NeedLine = { component: string; qtyPer: string; lossRate: string };

/**
 * What an open task (or outsourcing) order still needs of each component: its quantity
 * through the BOM, phantoms expanded (a phantom's components are needed directly), less what
 * has been issued. Components already fully issued are left out. Each requirement is
 * `requirement(parent qty, line)` of the one BOM walk (`domain/bom/walk.ts`).
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
  // The one BOM walk: a phantom passes its requirement through (one with no BOM at the date
  // passes nothing on); a loop is bom.cycle.
  walkBom(order.item, dec(order.qty), bom, ({ line, qty }) => {
    if (isPhantom(line.component)) return qty;
    total.set(line.component, (total.get(line.component) ?? dec(0)).plus(qty));
    return undefined;
  });
  const out = new Map<string, string>();
  for (const [c, q] of total) {
    const issued = order.issued.filter((i) => i.item === c).map((i) => i.qty);
    const left = issued.reduce((a, b) => subQty(a, b), toQtyString(q));
    if (dec(left).gt(0)) out.set(c, left);
  }
  return out;
}
