import type { PickList, StockStatus } from '@factory/shared';
import { compareDecimal, isPositiveDecimal } from './decimal';

/**
 * Where a line's stock comes from besides item and warehouse: its status when not available
 * (a rework order's rejected product) and its tracking number (MTO components of a tracked
 * order). Absent fields are the available, untracked pool.
 */
export type StockSource = { status?: StockStatus; trackingNo?: string };

const STATUS_LABELS: Record<string, string> = { inspection: '待检品', rejected: '不合格品' };

/** The source in zh-CN ('' for the available, untracked pool). */
export function sourceLabel(s: StockSource): string {
  return [
    s.status && s.status !== 'available' ? (STATUS_LABELS[s.status] ?? s.status) : '',
    s.trackingNo ? `跟踪号 ${s.trackingNo}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** item@warehouse, with the source when it is not the available, untracked pool. */
export function sourceKey(l: { item: string; warehouse: string } & StockSource): string {
  const status = l.status && l.status !== 'available' ? `:${l.status}` : '';
  const tracking = l.trackingNo ? `:${l.trackingNo}` : '';
  return `${l.item}@${l.warehouse}${status}${tracking}`;
}

/** One line of a task order's pick list, as the server computed it (remaining manual needs). */
export type PickLine = {
  /**
   * Unique on the page: the item; item@warehouse when the item is picked from two; with the
   * source (status, tracking number) when that is not enough.
   */
  key: string;
  item: string;
  warehouse: string;
  /** Not the available, untracked pool (zh-CN), or ''. */
  source: string;
  /** The source as the API names it (absent: the available, untracked pool). */
  stock: StockSource;
  /** Still to pick for the order (required - issued). */
  open: string;
  /** In stock in that warehouse (and source). */
  available: string;
  /** Each order's part of `open` (merged picking; one share for a single order). */
  shares: { order: string; qty: string }[];
};

export function pickLines(list: PickList): PickLine[] {
  const count = (key: string, keys: string[]) => keys.filter((k) => k === key).length;
  const items = list.lines.map((l) => l.item);
  const places = list.lines.map((l) => `${l.item}@${l.warehouse}`);
  return list.lines.map((l, i) => ({
    key:
      count(items[i]!, items) === 1
        ? l.item
        : count(places[i]!, places) === 1
          ? places[i]!
          : sourceKey(l),
    item: l.item,
    warehouse: l.warehouse,
    source: sourceLabel(l),
    stock: {
      ...(l.status && l.status !== 'available' ? { status: l.status } : {}),
      ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
    },
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

/**
 * The lines of a (partial) merged pick: each line with a positive quantity taken, as the API
 * names it (item, warehouse, source). Lines left at zero or blank are not picked.
 */
export function takenLines(
  lines: readonly PickLine[],
  taken: Readonly<Record<string, string>>,
): ({ item: string; warehouse: string; qty: string } & StockSource)[] {
  return lines
    .filter((l) => isPositiveDecimal(taken[l.key] ?? ''))
    .map((l) => ({ item: l.item, warehouse: l.warehouse, qty: taken[l.key]!.trim(), ...l.stock }));
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
