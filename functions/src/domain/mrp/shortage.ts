import { type Shortage, minQty, qty as dec, toQtyString } from '@factory/shared';
import { unissuedNeeds, type NeedLine } from './needs.js';

export type ShortageOrder = {
  no: string;
  item: string;
  qty: string;
  startDate: string;
  dueDate: string;
  trackingNo?: string;
  issued: readonly { item: string; qty: string }[];
  needs?: readonly { item: string; qty: string }[];
};

/**
 * Shortage analysis (足缺料分析): available stock is allocated to the unissued needs of open
 * task orders in priority order (due date, then order number). An order is complete when
 * every need is covered, short when nothing could be allocated, partial otherwise. MTO
 * components take stock of the order's tracking number; the rest take pool stock.
 */
export function shortage(
  orders: readonly ShortageOrder[],
  /** Available stock by `${item}|${trackingNo}` ('' for the pool). */
  stock: ReadonlyMap<string, string>,
  /** The BOM lines effective on a date (task orders explode with their start date's). */
  bom: (item: string, date: string) => readonly NeedLine[] | undefined,
  isPhantom: (item: string) => boolean,
  isMto: (item: string) => boolean,
): Shortage['orders'] {
  const left = new Map([...stock].map(([k, v]) => [k, dec(v)]));
  const sorted = [...orders].sort((a, b) =>
    a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.no < b.no ? -1 : 1,
  );
  return sorted.map((order) => {
    const components = [...unissuedNeeds(order, (item) => bom(item, order.startDate), isPhantom)]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([item, needed]) => {
        const key = `${item}|${isMto(item) ? (order.trackingNo ?? '') : ''}`;
        const have = left.get(key) ?? dec(0);
        const allocated = minQty(have, dec(needed));
        left.set(key, have.minus(allocated));
        return {
          item,
          needed,
          allocated: toQtyString(allocated),
          short: toQtyString(dec(needed).minus(allocated)),
        };
      });
    const covered = components.every((c) => dec(c.short).isZero());
    const nothing = components.length > 0 && components.every((c) => dec(c.allocated).isZero());
    return {
      no: order.no,
      item: order.item,
      qty: order.qty,
      dueDate: order.dueDate,
      status: covered ? ('complete' as const) : nothing ? ('short' as const) : ('partial' as const),
      components,
    };
  });
}
