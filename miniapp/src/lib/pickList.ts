import type { PickList, StockStatus } from '@factory/shared';
import {
  compareDecimal,
  isDecimal,
  isPositiveDecimal,
  minDecimal,
  multiplyDecimal,
  remainingDecimal,
  roundUpDecimal,
} from './decimal';
import { qtyProblem } from './quantity';

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
  /** The item's 库位 (bin) the list is walked by, when the item master names one. */
  location?: string;
  /** In stock in that warehouse (and source). */
  available: string;
  /** Each order's part of `open` (merged picking; one share for a single order). */
  shares: { order: string; qty: string }[];
  /**
   * A substitute's row under a short component: `item` (the substitute) is issued in place
   * of this component. `open` is then what it may cover, in the component's unit (the
   * component's shortfall, at most what the substitute's stock covers); `available` is the
   * substitute's own stock.
   */
  substituteFor?: string;
  /** Substitute quantity per unit of the component. */
  ratio?: string;
};

/**
 * The pick list's lines. With `substitutes` (a standard pick of one order), each short one is
 * followed by a row per substitute its BOM allows (by priority, key
 * `<line key>><substitute>`), so the clerk may scan and issue a substitute for what the
 * component's own stock cannot cover; merged picks never substitute.
 */
export function pickLines(list: PickList, opts: { substitutes?: boolean } = {}): PickLine[] {
  return componentLines(list).flatMap((line, i) => {
    const options = opts.substitutes ? (list.lines[i]!.substitutes ?? []) : [];
    if (!options.length || !isShort(line)) return [line];
    const shortfall = remainingDecimal(line.open, line.available);
    return [
      line,
      ...options.map((o): PickLine => ({
        key: `${line.key}>${o.item}`,
        item: o.item,
        warehouse: o.warehouse,
        source: sourceLabel(o),
        stock: o.trackingNo ? { trackingNo: o.trackingNo } : {},
        open: minDecimal(shortfall, o.covers),
        available: o.available,
        shares: line.shares,
        substituteFor: line.item,
        ratio: o.ratio,
      })),
    ];
  });
}

/** How much of the substitute a row issues for `covered` of its component: × ratio, rounded up. */
export function substituteQty(covered: string, ratio: string, precision: number): string {
  return roundUpDecimal(multiplyDecimal(covered, ratio), precision);
}

function componentLines(list: PickList): PickLine[] {
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
    ...(l.location ? { location: l.location } : {}),
    shares: l.shares,
  }));
}

/**
 * The quantity offered when a scan confirms a line: what is open, at most what is in stock
 * (a substitute's row: what it may cover, already limited by its stock).
 */
export function defaultPickQty(line: PickLine): string {
  if (line.substituteFor) return compareDecimal(line.open, '0') > 0 ? line.open : '0';
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

/**
 * What is wrong with the quantities of the scanned lines (line key -> message), before a pick
 * is sent. Blank, not a number, out of range or finer than the unit always stops the pick at
 * that line. A line at 0 is left out of a pick that takes something else (a scanned line with
 * nothing in stock starts at 0); when every scanned line is at 0, each says so, instead of a
 * general "scan first".
 */
export function takenErrors(
  lines: readonly PickLine[],
  taken: Readonly<Record<string, string>>,
  precisionOf: (item: string) => number | undefined,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const zero: string[] = [];
  let positive = false;
  for (const l of lines) {
    const text = taken[l.key]?.trim();
    if (text === undefined) continue;
    if (!text) {
      errors[l.key] = '请输入领料数量';
    } else if (isDecimal(text) && compareDecimal(text, '0') === 0) {
      zero.push(l.key);
    } else {
      // A substitute's row is typed in the component's quantity, so the component's unit.
      const problem = qtyProblem(text, precisionOf(l.substituteFor ?? l.item));
      if (problem) errors[l.key] = problem;
      else positive = true;
    }
  }
  if (!positive && !Object.keys(errors).length) {
    for (const key of zero) errors[key] = '领料数量为 0：请输入要领的数量';
  }
  return errors;
}

/** Stock in the line's warehouse is less than what is open (a substitute's row: never). */
export const isShort = (line: PickLine): boolean =>
  !line.substituteFor && compareDecimal(line.available, line.open) < 0;

/**
 * The lines of a standard pick: each confirmed row with a quantity; a substitute's row as the
 * component's line naming the substitute (the quantity is the component's).
 */
export function issueLines(
  lines: readonly PickLine[],
  taken: Readonly<Record<string, string>>,
): { item: string; warehouse: string; qty: string; substitute?: string }[] {
  return lines
    .filter((l) => isPositiveDecimal(taken[l.key] ?? ''))
    .map((l) => ({
      item: l.substituteFor ?? l.item,
      warehouse: l.warehouse,
      qty: taken[l.key]!.trim(),
      ...(l.substituteFor ? { substitute: l.item } : {}),
    }));
}

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

/**
 * What a merged pick posted, per order in the order chosen: each item and warehouse this pick
 * took for it (not what the order had been issued before). An order this pick gave nothing
 * has no lines.
 */
export function postedByOrder(
  orders: readonly string[],
  posted: readonly { order: string; item: string; warehouse: string; qty: string }[] | undefined,
): { order: string; lines: { item: string; warehouse: string; qty: string }[] }[] {
  return orders.map((order) => ({
    order,
    lines: (posted ?? [])
      .filter((p) => p.order === order)
      .map(({ item, warehouse, qty }) => ({ item, warehouse, qty })),
  }));
}
