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
  /** Each order's part of `open` (merged picking; one share for a single order). */
  shares: { order: string; qty: string }[];
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
    shares: l.shares,
  }));
}

/** The quantity offered when a scan confirms a line: what is open, at most what is in stock. */
export function defaultPickQty(line: PickLine): string {
  const least = compareDecimal(line.open, line.available) <= 0 ? line.open : line.available;
  return compareDecimal(least, '0') > 0 ? least : '0';
}

/** Stock in the line's warehouse is less than what is open. */
export const isShort = (line: PickLine): boolean => compareDecimal(line.available, line.open) < 0;

/**
 * Merged picking goes down the list: the line to scan next is the first one not yet
 * confirmed, unless the clerk tapped another (still unconfirmed) one.
 */
export function nextLine(
  lines: readonly PickLine[],
  confirmed: ReadonlySet<string>,
  chosen?: string,
): PickLine | undefined {
  const open = lines.filter((l) => !confirmed.has(l.key));
  return open.find((l) => l.key === chosen) ?? open[0];
}

/**
 * Task orders chosen for merged picking (the page's `orders` query): trimmed, each once, in
 * the order chosen. The H5 router hands the query over still URL-encoded (%2C), so it is
 * decoded here.
 */
export function mergedOrders(value: string | undefined): string[] {
  let text = value ?? '';
  try {
    text = decodeURIComponent(text);
  } catch {
    // Not encoded (a bare % in it): used as it is.
  }
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** What each order has been issued of the list's items, after a merged pick. */
export function issuedOf(
  orders: readonly { no: string; issued: { item: string; qty: string }[] }[],
  items: readonly string[],
): { order: string; issued: { item: string; qty: string }[] }[] {
  return orders.map((o) => ({
    order: o.no,
    issued: items.map((item) => ({
      item,
      qty: o.issued.find((i) => i.item === item)?.qty ?? '0',
    })),
  }));
}
