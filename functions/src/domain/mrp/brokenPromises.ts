import { cmpQty } from '@factory/shared';
import { dateOf, dayNumber, workCalendar } from './calendar.js';
import { peggedDemands } from './engine.js';
import { byItem, itemRanges } from './netChange.js';
import { planDemandRef } from './pegRefs.js';
import type { MrpException, MrpInput, PlannedOrder, PlanningResult } from './types.js';

/** A sales order line with the date promised to its customer. */
export type PromisedLine = {
  no: string;
  line: number;
  item: string;
  qty: string;
  delivered: string;
  /** The date the customer asked for: the plan plans the line for it. */
  dueDate: string;
  promisedDate: string;
  /** The rep who entered the order (told when the promise breaks). */
  rep?: string;
};

export type BrokenPromise = PromisedLine & {
  /** The earliest day the plan can have the line's quantity. */
  expected: string;
};

/**
 * The promised lines a plan does not meet. A line's demand (`SO/line` in the pegging) is met
 * when the last planned order pegged to it can be there (a promise is broken when that is after
 * both the promised and the due date): a planned order arrives at its due
 * date, unless it cannot start in time: it starts at its release date or when the planned
 * orders pegged to it (its components', `PLAN:<item>:<due>[:<tracking>]`) can be there,
 * whichever is later, and takes its lead time in working days (a late order, released on the
 * run date, is there its lead time after it). A line served by stock or scheduled receipts
 * alone has no planned order pegged and is met. Pure.
 */
export function brokenPromises(
  input: Pick<MrpInput, 'runDate' | 'calendar' | 'items' | 'boms'>,
  result: Pick<PlanningResult, 'plannedOrders'>,
  lines: readonly PromisedLine[],
): { broken: BrokenPromise[]; exceptions: MrpException[] } {
  const cal = workCalendar(input.calendar);
  const lead = new Map(input.items.map((i) => [i.code, i.leadTimeDays]));
  const open = lines.filter((l) => cmpQty(l.delivered, l.qty) < 0);
  const byDemand = peggedTo(input.boms, result.plannedOrders, open);
  // Orders share their start days and lead times: each sum is counted once.
  const sums = new Map<string, number>();
  const plus = (day: number, n: number) => {
    const key = `${day}+${n}`;
    let d = sums.get(key);
    if (d !== undefined) return d;
    d = cal.plusWorkingDays(day, n);
    sums.set(key, d);
    return d;
  };
  const ready = new Map<PlannedOrder, number>();
  const readyOf = (o: PlannedOrder, depth = 0): number => {
    const known = ready.get(o);
    if (known !== undefined) return known;
    let start = dayNumber(o.releaseDate);
    if (depth < 64) {
      for (const c of byDemand.get(planRef(o)) ?? [])
        start = Math.max(start, readyOf(c, depth + 1));
    }
    const day = Math.max(dayNumber(o.dueDate), plus(start, lead.get(o.item) ?? 0));
    ready.set(o, day);
    return day;
  };
  const broken: BrokenPromise[] = [];
  const exceptions: MrpException[] = [];
  for (const l of open) {
    const orders = byDemand.get(`${l.no}/${l.line}`);
    if (!orders?.length) continue;
    const expected = Math.max(...orders.map((o) => readyOf(o)));
    // The commitment is the later of the two: a promise before the due date is delivered on
    // the due date, which the plan plans for.
    const committed = l.promisedDate > l.dueDate ? l.promisedDate : l.dueDate;
    if (expected <= dayNumber(committed)) continue;
    const b = { ...l, expected: dateOf(expected) };
    broken.push(b);
    exceptions.push(promiseException(b));
  }
  return { broken, exceptions };
}

const promiseException = (b: BrokenPromise): MrpException => ({
  kind: 'promiseBroken',
  item: b.item,
  detail: `${b.no}/${b.line}：承诺交期 ${b.promisedDate}，按本次计划最早 ${b.expected}`,
});

/**
 * brokenPromises after a net run, checking again only the lines the run can have changed: a
 * line that is new or differs from the previous check's, or one whose item or anything it
 * takes (`below`) has planned orders that changed (`changed`: the items whose orders differ
 * from the previous plan's). Every other line keeps the previous check's verdict (`broken`
 * then): the orders its verdict was read from are the same. The caller gives `previous` only
 * when the items and BOMs (lead times, what goes into what) are the previous run's. The same
 * answer as brokenPromises over all lines, in the same order.
 */
export function brokenPromisesSince(
  input: Pick<MrpInput, 'runDate' | 'calendar' | 'items' | 'boms'>,
  result: Pick<PlanningResult, 'plannedOrders'>,
  lines: readonly PromisedLine[],
  previous: { lines: readonly PromisedLine[]; broken: readonly BrokenPromise[] },
  changed: ReadonlySet<string>,
): { broken: BrokenPromise[]; exceptions: MrpException[]; checked: number } {
  const key = (l: Pick<PromisedLine, 'no' | 'line'>) => `${l.no}/${l.line}`;
  const before = new Map(previous.lines.map((l) => [key(l), l]));
  const wasBroken = new Map(previous.broken.map((b) => [key(b), b]));
  const touched = new Map<string, boolean>();
  const affected = (item: string) => {
    let hit = touched.get(item);
    if (hit === undefined) {
      hit = parentsFirst(input.boms, [item]).some((x) => changed.has(x));
      touched.set(item, hit);
    }
    return hit;
  };
  const again = lines.filter((l) => {
    const was = before.get(key(l));
    return !was || !sameLine(was, l) || affected(l.item);
  });
  const fresh = new Map(
    brokenPromises(input, result, again).broken.map((b) => [key(b), b] as const),
  );
  const checkedAgain = new Set(again.map(key));
  const broken = lines.flatMap((l) => {
    const b = checkedAgain.has(key(l)) ? fresh.get(key(l)) : wasBroken.get(key(l));
    return b ? [b] : [];
  });
  return { broken, exceptions: broken.map(promiseException), checked: again.length };
}

function sameLine(a: PromisedLine, b: PromisedLine): boolean {
  return (
    a.item === b.item &&
    a.qty === b.qty &&
    a.delivered === b.delivered &&
    a.dueDate === b.dueDate &&
    a.promisedDate === b.promisedDate &&
    a.rep === b.rep
  );
}

/**
 * The planned orders pegged to each demand of the lines' chains: to a line (`SO/line`), and to
 * a planned order pegged to one of those (`PLAN:<item>:<due>[:<tracking>]`), all the way down.
 * Only orders of the lines' items and of what goes into them (every BOM version's components
 * and substitutes) can be; their items are taken parents first, so an order's own demand is
 * known to be wanted before the orders of its components are read. Of a plan's pegging only
 * entries are tested, not indexed: a product's chain is a few thousand of the hundreds of
 * thousands of entries below it.
 */
function peggedTo(
  boms: MrpInput['boms'],
  orders: readonly PlannedOrder[],
  lines: readonly PromisedLine[],
): Map<string, PlannedOrder[]> {
  const items = parentsFirst(
    boms,
    lines.map((l) => l.item),
  );
  // A plan's orders come sorted by item (the engine's order); others are sorted here.
  const sorted = itemRanges(orders) ? orders : [...orders].sort(byItem);
  const ranges = itemRanges(sorted)!;
  const byDemand = new Map<string, PlannedOrder[]>(lines.map((l) => [`${l.no}/${l.line}`, []]));
  for (const item of items) {
    // Nothing is pegged to the orders of an item without a BOM.
    const parent = boms.has(item);
    const range = ranges.get(item);
    if (!range) continue;
    for (let k = range.from; k < range.to; k++) {
      const o = sorted[k]!;
      let own: string | undefined;
      for (const demand of peggedDemands(o)) {
        const list = byDemand.get(demand);
        if (!list) continue;
        list.push(o);
        if (parent) own ??= planRef(o);
      }
      if (own !== undefined && !byDemand.has(own)) byDemand.set(own, []);
    }
  }
  return byDemand;
}

/** The demand a planned order is to the orders of its components. */
const planRef = (o: PlannedOrder) => planDemandRef(o.item, o.dueDate, o.trackingNo);

/**
 * The items and everything any BOM version or substitute of theirs takes, each after every
 * item that takes it (a depth-first post-order, reversed).
 */
function parentsFirst(boms: MrpInput['boms'], items: readonly string[]): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (root: string) => {
    // Iterative: a deep structure must not exhaust the stack.
    const stack: { item: string; next: string[] }[] = [];
    const enter = (item: string) => {
      done.add(item);
      const next: string[] = [];
      for (const version of boms.get(item) ?? [])
        for (const l of version.lines) next.push(l.component, ...l.substitutes.map((x) => x.item));
      stack.push({ item, next });
    };
    if (done.has(root)) return;
    enter(root);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const child = top.next.pop();
      if (child === undefined) {
        order.push(top.item);
        stack.pop();
      } else if (!done.has(child)) enter(child);
    }
  };
  for (const item of items) visit(item);
  return order.reverse();
}
