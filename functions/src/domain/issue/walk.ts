import { qty as toQty, toQtyString } from '@factory/shared';
import type { Allocation } from './pick.js';

/**
 * The walking order of a pick list: by warehouse, then by the items' 库位 (bin) as a picker
 * walks them, numbers compared as numbers (A-2 before A-10, as the racks are numbered), lines
 * without a 库位 after those with one, then by item code so the order is stable.
 */
export function walkingOrder<L extends { item: string; warehouse: string; location?: string }>(
  lines: readonly L[],
): L[] {
  return [...lines].sort(
    (a, b) =>
      compareText(a.warehouse, b.warehouse) ||
      compareLocation(a.location, b.location) ||
      compareText(a.item, b.item),
  );
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const compareText = (a: string, b: string) => collator.compare(a, b);

function compareLocation(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return compareText(a, b);
}

/** One order's share of what a posting moved of an item in a warehouse. */
export type PostedLine = {
  order: string;
  item: string;
  warehouse: string;
  qty: string;
  substituteFor?: string;
};

/**
 * What a posting moved, summed per order, item, warehouse and component stood in for, in the
 * order first met (a return's negative quantities as the quantity returned).
 */
export function postedLines(
  allocations: readonly Pick<Allocation, 'order' | 'item' | 'warehouse' | 'qty' | 'substitute'>[],
): PostedLine[] {
  const by = new Map<string, PostedLine & { sum: ReturnType<typeof toQty> }>();
  for (const a of allocations) {
    const key = [a.order, a.item, a.warehouse, a.substitute?.for ?? ''].join('\u0000');
    const line = by.get(key) ?? {
      order: a.order,
      item: a.item,
      warehouse: a.warehouse,
      qty: '0',
      sum: toQty(0),
      ...(a.substitute ? { substituteFor: a.substitute.for } : {}),
    };
    line.sum = line.sum.plus(toQty(a.qty).abs());
    by.set(key, line);
  }
  return [...by.values()]
    .filter((l) => !l.sum.isZero())
    .map(({ sum, ...l }) => ({ ...l, qty: toQtyString(sum) }));
}
