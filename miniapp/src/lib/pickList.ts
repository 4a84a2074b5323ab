import type { PickList } from '@factory/shared';
import { compareDecimal } from './decimal';

/** One line of a task order's pick list, as the server computed it (remaining manual needs). */
export type PickLine = {
  /** Unique on the page: the item, or item@warehouse when the item is picked from two. */
  key: string;
  item: string;
  warehouse: string;
  /** Still to pick for the order (required - issued). */
  open: string;
  /** In stock in that warehouse. */
  available: string;
};

export function pickLines(list: PickList): PickLine[] {
  const count = new Map<string, number>();
  for (const l of list.lines) count.set(l.item, (count.get(l.item) ?? 0) + 1);
  return list.lines.map((l) => ({
    key: (count.get(l.item) ?? 0) > 1 ? `${l.item}@${l.warehouse}` : l.item,
    item: l.item,
    warehouse: l.warehouse,
    open: l.qty,
    available: l.available,
  }));
}

/** The quantity offered when a scan confirms a line: what is open, at most what is in stock. */
export function defaultPickQty(line: PickLine): string {
  const least = compareDecimal(line.open, line.available) <= 0 ? line.open : line.available;
  return compareDecimal(least, '0') > 0 ? least : '0';
}
