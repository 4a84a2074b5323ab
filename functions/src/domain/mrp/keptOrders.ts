import { dateOf, dayNumber } from './calendar.js';
import { NetChangeMismatch } from './netChange.js';
import { planDemandRef } from './pegRefs.js';
import { toScaled } from './scaled.js';
import type { PlannedOrder } from './types.js';

/**
 * A kept planned order as a net run replays it: its quantity at the item's precision, its
 * release day, and the pegging reference and tracking number of the demand it passes down.
 */
export type ParsedKept = {
  q: number;
  release: number;
  due: number;
  refText: string;
  tracking: string;
};

type Parsed = {
  last: PlannedOrder;
  count: number;
  precision: number;
  orders: readonly ParsedKept[];
};

/**
 * Each kept item's parsed orders, by its first order object. A plan made in this process
 * keeps an item's orders as the same objects from one net run to the next, so a warm process
 * parses them once, not on every run (they were a sixth of a net run's engine time on a
 * 20,000-item factory: quantities and dates parsed, reference texts built).
 */
const parsedByFirst = new WeakMap<PlannedOrder, Parsed>();

/**
 * The orders `list[from]` up to `list[to]` of item `code` (all of its orders in the previous
 * plan), parsed, in the order planning makes them: by tracking number, then by due day.
 * Throws NetChangeMismatch when one cannot come from a plan of this data.
 */
export function keptOrdersOf(
  code: string,
  list: readonly PlannedOrder[],
  from: number,
  to: number,
  precision: number,
): readonly ParsedKept[] {
  const first = list[from]!;
  const known = parsedByFirst.get(first);
  if (
    known &&
    known.last === list[to - 1] &&
    known.count === to - from &&
    known.precision === precision
  )
    return known.orders;
  const parsed: ParsedKept[] = [];
  for (let k = from; k < to; k++) {
    const o = list[k]!;
    let q: number;
    let release: number;
    let due: number;
    try {
      q = toScaled(o.qty, precision);
      release = dayNumber(o.releaseDate);
      due = dayNumber(o.dueDate);
    } catch {
      throw new NetChangeMismatch(`kept order ${code} ${o.dueDate} ${o.qty} does not fit`);
    }
    if (!sameDate(release, o.releaseDate) || !sameDate(due, o.dueDate))
      throw new NetChangeMismatch(`kept order ${code} ${o.dueDate}: not a date`);
    const tracking = o.trackingNo ?? '';
    parsed.push({ q, release, due, tracking, refText: planDemandRef(code, o.dueDate, tracking) });
  }
  parsed.sort((a, b) =>
    a.tracking < b.tracking ? -1 : a.tracking > b.tracking ? 1 : a.due - b.due,
  );
  parsedByFirst.set(first, { last: list[to - 1]!, count: to - from, precision, orders: parsed });
  return parsed;
}

/** Whether `text` is the date of day `day` (not a date: no day is). */
const sameDate = (day: number, text: string) => Number.isFinite(day) && dateOf(day) === text;
