import {
  AppError,
  type FieldIssue,
  fitsPrecision,
  invalidRequest,
  isQtyInRange,
  type Qty,
  qty as dec,
  roundUpToPrecision,
  toQtyString,
} from '@factory/shared';
import { cycleError, requirement } from '../bom/walk.js';
import { dateOf, dayNumber, workCalendar } from './calendar.js';
import { unissuedNeeds } from './needs.js';
import type { MrpBomVersion, MrpInput, MrpItem } from './types.js';

/**
 * Promise date (交期承诺, docs/planning.md "Promise date"): the earliest day a quantity of an
 * item can be available to a new sales order line, from the current planning data:
 *
 * 1. **stock** (ATP): free stock on hand, i.e. what is left on the run date and every later
 *    day after the open demand (sales order lines, the unissued needs of open task and
 *    outsourcing orders, safety stock) has taken its share;
 * 2. **supply**: open supply not taken by earlier demand (purchase, task and outsourcing
 *    orders at their due dates): the first day from which the quantity stays free;
 * 3. **ctp**: what free stock does not cover is made or bought: a manufactured or outsourced
 *    item is available its lead time (working days of the calendar) after the latest of its
 *    components (each promised the same way, recursively, from its own stock, supply or lead
 *    times), a purchased or customer-supplied one its lead time after the run date; a phantom
 *    uses its own free stock, the rest passes through to its components with no lead time.
 *
 * MTO: an MTO item nets only stock and supply of its own tracking number (a new order has
 * none, so it goes straight to CTP); MTS components net in the pool. What one answer takes
 * from stock or supply is claimed in the context, so another branch of the same structure,
 * or the next line of the same order, does not count it twice.
 *
 * Pure: plain data in (the MRP planning data set), the answer out. Quantities are exact
 * decimals (shared/src/quantity.ts).
 */

export type PromiseSource = 'stock' | 'supply' | 'ctp';

/** One step of how a date was reached, from the line's item down the limiting path. */
export type PromiseStep = {
  item: string;
  /** The quantity this step had to provide (the component's requirement below the top). */
  qty: string;
  /** stock / supply: free stock or open supply; make / buy: lead time; phantom: passed on. */
  how: 'stock' | 'supply' | 'make' | 'buy' | 'phantom';
  date: string;
  /** For `make` / `buy`: the item's lead time in working days. */
  leadTimeDays?: number;
  /** For `supply`: the orders whose receipts make the quantity free by the date. */
  refs?: string[];
};

export type PromiseRequest = { item: string; qty: string; trackingNo?: string };

export type PromiseAnswer = {
  item: string;
  qty: string;
  date: string;
  source: PromiseSource;
  /** The limiting path: the line's item first, then the component that held it up, ... */
  path: PromiseStep[];
};

export type PromiseInput = Pick<
  MrpInput,
  | 'runDate'
  | 'calendar'
  | 'items'
  | 'boms'
  | 'stock'
  | 'purchaseOrders'
  | 'workOrders'
  | 'salesOrders'
>;

type Event = { day: number; delta: Qty; ref?: string; receipt: boolean };

/** At most this many nodes per answer; past it a branch is dated by lead times alone. */
const NODE_BUDGET = 20_000;

export type PromiseContext = ReturnType<typeof promiseContext>;

/**
 * Indexes the planning data once (supply and demand per item and tracking number); answers
 * for any number of lines are then asked of `promiseDate(context, line)`.
 */
export function promiseContext(input: PromiseInput) {
  const cal = workCalendar(input.calendar);
  const run = dayNumber(input.runDate);
  const items = new Map(input.items.map((i) => [i.code, i]));
  const key = (item: string, track: string) => `${item}\u0000${track}`;
  const trackOf = (item: string, trackingNo: string | undefined) =>
    items.get(item)?.strategy === 'mto' ? (trackingNo ?? '') : '';
  const events = new Map<string, Event[]>();
  const add = (item: string, track: string, e: Event) => {
    const k = key(item, track);
    const list = events.get(k);
    if (list) list.push(e);
    else events.set(k, [e]);
  };
  const bomAt = (item: string, day: number): MrpBomVersion | undefined =>
    input.boms
      .get(item)
      ?.find(
        (v) =>
          (v.from === undefined || dayNumber(v.from) <= day) &&
          (v.to === undefined || day <= dayNumber(v.to)),
      );

  for (const s of input.stock) {
    if (!items.has(s.item)) continue;
    add(s.item, trackOf(s.item, s.trackingNo), {
      day: run,
      delta: dec(s.qty),
      ref: 'stock',
      receipt: false,
    });
  }
  for (const it of input.items) {
    if (dec(it.safetyStock).gt(0))
      add(it.code, '', { day: run, delta: dec(it.safetyStock).neg(), receipt: false });
  }
  for (const po of input.purchaseOrders) {
    if (!items.has(po.item)) continue;
    add(po.item, trackOf(po.item, po.trackingNo), {
      day: Math.max(run, dayNumber(po.dueDate)),
      delta: dec(po.qty),
      ref: po.no,
      receipt: true,
    });
  }
  for (const wo of input.workOrders) {
    if (!items.has(wo.item)) continue;
    const open = dec(wo.qty).minus(wo.received);
    if (open.gt(0)) {
      add(wo.item, trackOf(wo.item, wo.trackingNo), {
        day: Math.max(run, dayNumber(wo.dueDate)),
        delta: open,
        ref: wo.no,
        receipt: true,
      });
    }
    const start = dayNumber(wo.startDate);
    const needs = unissuedNeeds(
      wo,
      (code) => bomAt(code, start)?.lines,
      (code) => items.get(code)?.source === 'phantom',
    );
    for (const [c, q] of needs) {
      if (!items.has(c)) continue;
      add(c, trackOf(c, wo.trackingNo), {
        day: Math.max(run, start),
        delta: dec(q).neg(),
        receipt: false,
      });
    }
  }
  for (const so of input.salesOrders) {
    const d = salesDemand(items, run, so);
    if (d) add(d.item, d.track, d.event);
  }
  for (const list of events.values()) list.sort((a, b) => a.day - b.day);

  return { run, cal, items, bomAt, events, key, claims: new Map<string, Event[]>() };
}

/** A sales order line's open quantity as demand on its item (an MTO item's own tracking). */
function salesDemand(
  items: ReadonlyMap<string, MrpItem>,
  run: number,
  so: PromiseInput['salesOrders'][number],
): { item: string; track: string; event: Event } | undefined {
  const it = items.get(so.item);
  if (!it) return undefined;
  const open = dec(so.qty).minus(so.delivered ?? '0');
  if (open.lte(0)) return undefined;
  return {
    item: so.item,
    track: it.strategy === 'mto' ? (so.trackingNo ?? so.no) : '',
    event: { day: Math.max(run, dayNumber(so.dueDate)), delta: open.neg(), receipt: false },
  };
}

/**
 * The context with more sales order lines as demand, as if they had been in its input (an
 * order confirmed since it was indexed), and nothing claimed yet. The given context is not
 * changed.
 */
export function withSalesDemand(
  ctx: PromiseContext,
  lines: PromiseInput['salesOrders'],
): PromiseContext {
  const events = new Map(ctx.events);
  for (const so of lines) {
    const d = salesDemand(ctx.items, ctx.run, so);
    if (!d) continue;
    const k = ctx.key(d.item, d.track);
    events.set(
      k,
      [...(events.get(k) ?? []), d.event].sort((a, b) => a.day - b.day),
    );
  }
  return { ...ctx, events, claims: new Map<string, Event[]>() };
}

/**
 * The earliest day from which `want` stays free of an item's stock and supply (of one
 * tracking number, '' the pool), with the demand known and claimed so far: the first event day
 * whose balance, and every later day's, is at least `want`. `receipts: false` counts stock
 * only. Also what is free on the run date (`freeNow`).
 */
function atp(
  ctx: PromiseContext,
  item: string,
  track: string,
  want: Qty,
  receipts: boolean,
): { day: number | undefined; freeNow: Qty; refs: string[] } {
  const k = ctx.key(item, track);
  const own = ctx.events.get(k) ?? [];
  const claimed = ctx.claims.get(k);
  const all = claimed ? [...own, ...claimed].sort((a, b) => a.day - b.day) : own;
  const days: number[] = [];
  const balance: Qty[] = [];
  let b = dec(0);
  for (const e of all) {
    if (!receipts && e.receipt) continue;
    b = b.plus(e.delta);
    if (days.length && days[days.length - 1] === e.day) balance[balance.length - 1] = b;
    else {
      days.push(e.day);
      balance.push(b);
    }
  }
  // suffix minimum: what can be taken on a day without leaving a later day short
  const free: Qty[] = new Array<Qty>(balance.length);
  let min: Qty | undefined;
  for (let j = balance.length - 1; j >= 0; j--) {
    min = min === undefined || balance[j]!.lt(min) ? balance[j]! : min;
    free[j] = min;
  }
  const freeNow = days.length && days[0] === ctx.run && free[0]!.gt(0) ? free[0]! : dec(0);
  let day: number | undefined;
  for (let j = 0; j < days.length; j++) {
    if (free[j]!.gte(want)) {
      day = days[j]!;
      break;
    }
  }
  // The receipts that make it free by the day (or, when stock is free today only thanks to
  // later receipts that serve the later demand, those).
  const receiptsBy = (last: number) => [
    ...new Set(all.filter((e) => e.receipt && e.day <= last && e.ref).map((e) => e.ref!)),
  ];
  const refs = day === undefined ? [] : receiptsBy(day);
  if (day !== undefined && !refs.length && receipts) refs.push(...receiptsBy(Infinity));
  return { day, freeNow: freeNow.lt(want) ? freeNow : want, refs };
}

function claim(ctx: PromiseContext, item: string, track: string, q: Qty, day: number): void {
  if (q.lte(0)) return;
  const k = ctx.key(item, track);
  const e: Event = { day, delta: q.neg(), receipt: false };
  const list = ctx.claims.get(k);
  if (list) list.push(e);
  else ctx.claims.set(k, [e]);
}

type Node = { day: number; source: PromiseSource; path: PromiseStep[] };

/**
 * The promise for one line; what it takes from stock and supply is claimed in the context.
 * Refused (400 naming the field): an unknown or inactive item, a quantity that is not a
 * positive in-range decimal of the item's precision; `bom.notEffective` when a made item on
 * the way has no BOM effective on the run date; `bom.cycle` on a loop.
 */
export function promiseDate(ctx: PromiseContext, req: PromiseRequest): PromiseAnswer {
  const it = ctx.items.get(req.item);
  const issues: FieldIssue[] = [];
  if (!it) issues.push({ path: ['item'], message: `物料不存在：${req.item}` });
  if (!isQtyInRange(req.qty) || !dec(req.qty).gt(0))
    issues.push({ path: ['qty'], message: '数量应为大于 0 的数字，最多 12 位整数、6 位小数' });
  else if (it && !fitsPrecision(req.qty, it.precision))
    issues.push({
      path: ['qty'],
      message:
        it.precision === 0
          ? `物料 ${it.code} 的数量必须是整数`
          : `物料 ${it.code} 的数量最多 ${it.precision} 位小数`,
    });
  if (issues.length) throw invalidRequest(issues);
  const item = it!;
  const track = item.strategy === 'mto' ? (req.trackingNo ?? '') : '';
  let budget = NODE_BUDGET;
  const fullCtp = new Map<string, number>();
  const onPath = new Set<string>();

  /** The date by lead times alone, nothing from stock (an upper bound of any answer). */
  const leadTimesOnly = (code: string): number => {
    const known = fullCtp.get(code);
    if (known !== undefined) return known;
    const i = ctx.items.get(code);
    if (!i) return ctx.run;
    if (onPath.has(code)) throw cycleError([...onPath, code]);
    onPath.add(code);
    let day: number;
    if (i.source === 'purchased' || i.source === 'customerSupplied') {
      day = ctx.cal.plusWorkingDays(ctx.run, i.leadTimeDays);
    } else {
      const bom = ctx.bomAt(code, ctx.run);
      let start = ctx.run;
      for (const l of bom?.lines ?? []) start = Math.max(start, leadTimesOnly(l.component));
      day = i.source === 'phantom' ? start : ctx.cal.plusWorkingDays(start, i.leadTimeDays);
    }
    onPath.delete(code);
    fullCtp.set(code, day);
    return day;
  };

  const node = (code: string, want: Qty, tr: string, top: boolean, stack: string[]): Node => {
    budget--;
    const i = ctx.items.get(code);
    if (!i) throw new AppError('request.invalid', `计划数据引用了不存在的物料：${code}`);
    if (stack.includes(code)) throw cycleError([...stack, code]);
    const qtyText = toQtyString(want);
    // A new MTO order has no stock or supply of its own: straight to lead times.
    const newMto = i.strategy === 'mto' && tr === '';
    let net = want;
    if (!newMto) {
      const fromStock = atp(ctx, code, tr, want, false);
      if (fromStock.day === ctx.run) {
        claim(ctx, code, tr, want, ctx.run);
        return {
          day: ctx.run,
          source: 'stock',
          path: [{ item: code, qty: qtyText, how: 'stock', date: dateOf(ctx.run) }],
        };
      }
      // Supply that comes later than making or buying it all anew is not waited for (so
      // no answer is later than the lead times alone: the bound the BOM walk prunes by).
      const withSupply = atp(ctx, code, tr, want, true);
      if (withSupply.day !== undefined && withSupply.day <= leadTimesOnly(code)) {
        claim(ctx, code, tr, want, withSupply.day);
        return {
          day: withSupply.day,
          source: 'supply',
          path: [
            {
              item: code,
              qty: qtyText,
              how: 'supply',
              date: dateOf(withSupply.day),
              refs: withSupply.refs,
            },
          ],
        };
      }
      // What is free today is taken; the rest is made or bought.
      const now = withSupply.freeNow;
      claim(ctx, code, tr, now, ctx.run);
      net = want.minus(now);
    }
    const netText = toQtyString(net);
    if (i.source === 'purchased' || i.source === 'customerSupplied') {
      const day = ctx.cal.plusWorkingDays(ctx.run, i.leadTimeDays);
      return {
        day,
        source: 'ctp',
        path: [
          { item: code, qty: netText, how: 'buy', date: dateOf(day), leadTimeDays: i.leadTimeDays },
        ],
      };
    }
    const bom = ctx.bomAt(code, ctx.run);
    if (!bom) {
      throw new AppError(
        'bom.notEffective',
        `物料 ${code} 没有在 ${dateOf(ctx.run)} 生效的物料清单，无法按提前期计算交期`,
        { item: code, date: dateOf(ctx.run), ...(top ? {} : { under: stack[0] }) },
      );
    }
    // Components that could hold the date up longest first; one whose lead times alone end
    // no later than the latest date found so far cannot move it, and is dated that way.
    const lines = bom.lines
      .map((l) => ({ l, bound: leadTimesOnly(l.component) }))
      .sort((a, b) => b.bound - a.bound);
    let start = ctx.run;
    let limiting: PromiseStep[] = [];
    for (const { l, bound } of lines) {
      const c = ctx.items.get(l.component);
      if (!c)
        throw new AppError(
          'request.invalid',
          `物料清单 ${code} 引用了不存在的物料：${l.component}`,
        );
      if (bound <= start && limiting.length) continue;
      const need = dec(roundUpToPrecision(toQtyString(requirement(net, l)), c.precision));
      if (need.lte(0)) continue;
      const childTrack = c.strategy === 'mto' ? tr : '';
      const sub: Node =
        budget > 0
          ? node(l.component, need, childTrack, false, [...stack, code])
          : {
              day: bound,
              source: 'ctp',
              path: [
                { item: l.component, qty: toQtyString(need), how: 'make', date: dateOf(bound) },
              ],
            };
      if (sub.day > start || !limiting.length) {
        start = Math.max(start, sub.day);
        limiting = sub.path;
      }
    }
    const phantom = i.source === 'phantom';
    const day = phantom ? start : ctx.cal.plusWorkingDays(start, i.leadTimeDays);
    return {
      day,
      source: 'ctp',
      path: [
        {
          item: code,
          qty: netText,
          how: phantom ? 'phantom' : 'make',
          date: dateOf(day),
          ...(phantom ? {} : { leadTimeDays: i.leadTimeDays }),
        },
        ...limiting,
      ],
    };
  };

  const answer = node(item.code, dec(req.qty), track, true, []);
  return {
    item: item.code,
    qty: toQtyString(dec(req.qty)),
    date: dateOf(answer.day),
    source: answer.source,
    path: answer.path,
  };
}
