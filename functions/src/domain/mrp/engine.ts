import {
  type ItemSource,
  type LotSizing,
  type PlannedOrderType,
  qty as dec,
  toQtyString,
} from '@factory/shared';
import { traverse } from '../bom/walk.js';
import { dateOf, dayNumber, workCalendar, type WorkCalendar } from './calendar.js';
import {
  ceilToMultiple,
  checked,
  decimals,
  floorToMultiple,
  fromScaled,
  pow10,
  rescale,
  times,
  isOverflow,
  toScaled,
} from './scaled.js';
import {
  type EngineStructure,
  engineStructure,
  itemIndexOf,
  itemLines,
  type Sub,
  versionAt,
  widenScales,
} from './structure.js';
import {
  mergeNetChange,
  NetChangeMismatch,
  prepareNetChange,
  reported,
  type NetChange,
  type NetPlan,
} from './netChange.js';
import { keptOrdersOf, type ParsedKept } from './keptOrders.js';
import { unissuedNeeds } from './needs.js';
import { planDemandRef } from './pegRefs.js';
import { Interned, PegChains, RowStore } from './store.js';
import type { MrpException, MrpInput, MrpItem, PlannedOrder, PlanningResult } from './types.js';

/** An open order's receipt: due (`due`), available from `day` (the run date at the earliest). */
type Receipt = { day: number; due: number; qty: number; ref: string; track: number };

/** The planned order type of each source (a phantom gets none). */
const SOURCE_TYPE = {
  purchased: 'purchase',
  manufactured: 'production',
  outsourced: 'outsourcing',
  customerSupplied: 'customerSupply',
} as const satisfies Partial<Record<ItemSource, PlannedOrderType>>;
/**
 * The substitutes of the orders that used none (nearly all): one frozen empty list, not one
 * per order (2.3 million on a 100,000-item factory, each marked by the collector on every pass).
 */
const NO_SUBSTITUTES: PlannedOrder['substitutes'] = Object.freeze([]) as unknown as [];
/** A receipt first needed more than this many days after it arrives is worth moving out. */
const RESCHEDULE_OUT_DAYS = 3;

/**
 * What a run has prepared when planning starts: the same data the planning loop reads, for
 * bench:mrp's floor (tests/bench/mrpFloor.ts) to plan from. Not part of the result.
 */
export type PreparedMrp = {
  run: number;
  end: number;
  /** Item indices in planning order (low-level code, then code). */
  order: readonly number[];
  scale: readonly number[];
  phantom: readonly boolean[];
  mto: readonly boolean[];
  unplannable: ReadonlySet<number>;
  versions: readonly (readonly {
    from: number;
    to: number;
    lines: readonly { child: number; factor: number; factorScale: number }[];
  }[])[];
  demands: readonly (
    | { n: number; day: readonly number[]; qty: readonly number[]; track: readonly number[] }
    | undefined
  )[];
  lots: readonly (readonly { day: number; qty: number; track: number }[])[];
  stock: readonly ReadonlyMap<number, number>[];
  releaseOf: (day: number, lead: number) => number;
  /** Tracking numbers by id (0: the pool, ''). */
  trackTexts: readonly string[];
};
let preparedProbe: ((prepared: PreparedMrp) => void) | undefined;
/** bench:mrp only: the next run hands its prepared data to `probe` before it plans. */
export function probeNextPreparedMrp(probe: (prepared: PreparedMrp) => void): void {
  preparedProbe = probe;
}

/**
 * Regenerative MRP in daily buckets, items in low-level-code order (DOMAIN.md, "Planning").
 * Pure: plain data in, the planning result out. Quantities are exact (scaled integers).
 */
export function planMrp(input: MrpInput, change?: NetChange): PlanningResult {
  if (!change) return planRun(input);
  const items = input.items.length;
  const prepared = prepareNetChange(input, change);
  const full = (reason: string) =>
    reported(planRun(input), { mode: 'full', items, replanned: items, reason });
  if (prepared.mode === 'full') return full(prepared.reason);
  let fresh: PlanningResult;
  try {
    fresh = planRun(input, prepared, prepared.structure);
  } catch (err) {
    if (!(err instanceof NetChangeMismatch)) throw err;
    return full(err.message);
  }
  const merged = mergeNetChange(change.previous, fresh, prepared);
  withStructure(merged, fresh.structure!);
  // The orders of an earlier net run that this plan keeps make their pegging now and let that
  // run go: a plan then holds the runs of its own orders and of the full run's it keeps, not
  // of every net run since (a warm process plans many a day).
  // An item's orders come from one run and are settled together: its first tells.
  for (const { from, to } of prepared.kept.values()) {
    const first = prepared.previousOrders[from];
    if (!(first instanceof PlannedOrderRow) || !first.unsettled) continue;
    for (let k = from; k < to; k++) {
      const o = prepared.previousOrders[k];
      if (o instanceof PlannedOrderRow) o.settle();
    }
  }
  return reported(merged, {
    mode: 'net',
    items,
    replanned: prepared.replan.size,
    replannedItems: prepared.replan,
    sameItemsAndBoms: prepared.sameStructure,
  });
}

/**
 * One run: every item planned, or with `net` only the replan set, the other items' kept
 * planned orders passing their dependent demand down in their place of the level order.
 */
function planRun(input: MrpInput, net?: NetPlan, known?: EngineStructure): PlanningResult {
  const cal = workCalendar(input.calendar);
  const run = dayNumber(input.runDate);
  const end = run + input.horizonDays - 1;

  const items = input.items;
  const structure = known ?? engineStructure(input);
  const { index, phantom, mto, order, lineStart, lineChild, lineFactor, lineScale, lineSubs } =
    structure;
  const idx = itemIndexOf(index);
  const n = items.length;
  // Items whose quantities cannot be computed exactly (a stored value past what the scaled
  // integers hold): each is left out of this run with a 'notPlanned' exception, and every
  // other item is planned as usual. One bad record never stops the tenant's planning.
  const unplannable = new Map<number, string>(structure.overflowed);
  /** The same, as a flag per item: read for every line exploded. */
  const leftOut = new Uint8Array(n);
  for (const [i] of structure.overflowed) leftOut[i] = 1;
  const giveUp = (i: number, what: string) => {
    if (!unplannable.has(i)) unplannable.set(i, what);
    leftOut[i] = 1;
  };
  /** The BOM version of `p` effective on `day`, -1: none. Its lines: lineStart[v] up to [v + 1]. */
  const bomAt = (p: number, day: number): number => versionAt(structure, p, day);
  const linesOf = (v: number): number[] => {
    const list: number[] = [];
    for (let l = lineStart[v]!; l < lineStart[v + 1]!; l++) list.push(l);
    return list;
  };
  const rank = new Int32Array(n);
  order.forEach((i, r) => (rank[i] = r));

  // ---- work orders: their unissued component needs (phantoms expanded), exact ------------------
  // A need's substitutes are those of its BOM line at the order's start date (through
  // phantoms; a component on several lines: the first line that has any).
  type Need = {
    item: number;
    day: number;
    qty: string;
    ref: string;
    tracking: string;
    /** The BOM line (its number), -1: none. */
    line: number;
  };
  const needs: Need[] = [];
  const linesUnder = new Map<string, Map<number, number>>();
  const lineOf = (root: number, day: number, child: number): number => {
    const key = `${root}@${day}`;
    let found = linesUnder.get(key);
    if (!found) {
      const out = new Map<number, number>();
      const walked = {
        lines: (p: number) => {
          const v = bomAt(p, day);
          return v < 0 ? undefined : linesOf(v);
        },
        component: (l: number) => lineChild[l]!,
        name: (i: number) => items[i]!.code,
      };
      // The one BOM walk, through phantoms that have a BOM at the date.
      traverse(root, true, walked, (l) => {
        const c = lineChild[l]!;
        if (phantom[c] && bomAt(c, day) >= 0) return true;
        const had = out.get(c);
        if (had === undefined || lineSubs[had]! < 0) out.set(c, l);
        return undefined;
      });
      linesUnder.set(key, (found = out));
    }
    return found.get(child) ?? -1;
  };
  for (const wo of input.workOrders) {
    idx(wo.item, wo.no);
    const start = Math.max(run, dayNumber(wo.startDate));
    if (start > end) continue;
    const startDay = dayNumber(wo.startDate);
    const lines = (code: string) => {
      const v = bomAt(idx(code, wo.no), startDay);
      return v < 0
        ? undefined
        : linesOf(v).map((l) => ({
            component: items[lineChild[l]!]!.code,
            qtyPer: fromScaled(lineFactor[l]!, lineScale[l]!),
            lossRate: '0',
          }));
    };
    for (const [code, q] of unissuedNeeds(wo, lines, (code) => phantom[idx(code, wo.no)]!)) {
      const c = idx(code, wo.no);
      needs.push({
        item: c,
        day: start,
        qty: q,
        ref: wo.no,
        tracking: mto[c] ? (wo.trackingNo ?? '') : '',
        // A rework order's needs are its product and repair parts, not BOM lines.
        line: wo.rework ? -1 : lineOf(idx(wo.item, wo.no), startDay, c),
      });
    }
  }

  // ---- scales: decimals each item's quantities need so that every sum and product is exact ----
  // The structure's scales (from the items and BOMs alone) hold unless a quantity of the run
  // needs more decimals than they give some item; then they are widened again from there.
  let scale = structure.itemScale.slice();
  let wider = false;
  const widenAt = (i: number, text: string) => {
    const d = decimals(text);
    if (d > scale[i]!) scale[i] = d;
    if (d > structure.scale[i]!) wider = true;
  };
  const widen = (code: string, text: string) => {
    const i = index.get(code);
    if (i !== undefined) widenAt(i, text);
  };
  for (const s of input.stock) widen(s.item, s.qty);
  for (const po of input.purchaseOrders) widen(po.item, po.qty);
  for (const so of input.salesOrders) {
    widen(so.item, so.qty);
    if (so.delivered) widen(so.item, so.delivered);
  }
  for (const f of input.forecasts) widen(f.item, f.qty);
  for (const wo of input.workOrders) {
    widen(wo.item, wo.qty);
    widen(wo.item, wo.received);
  }
  for (const nd of needs) widenAt(nd.item, nd.qty);
  if (wider) widenScales(items, structure, scale);
  else scale = structure.scale.slice();
  scale.forEach((s, i) => {
    if (s > 15) giveUp(i, `需要 ${s} 位小数`); // scaled integers hold at most 15
  });
  /** A quantity at its item's scale; undefined (and the item left out) when it does not fit. */
  const scaledOf = (i: number, text: string): number | undefined => {
    if (unplannable.has(i)) return undefined;
    try {
      return toScaled(text, scale[i]!);
    } catch (err) {
      if (!isOverflow(err)) throw err;
      giveUp(i, text);
      return undefined;
    }
  };

  // An item's lot sizes and safety stock at its scale, parsed when first needed.
  const lots: (ScaledLot | undefined)[] = new Array(n);
  const lotOf = (i: number) => (lots[i] ??= scaledLot(items[i]!.lotSizing, scale[i]!));
  const safetyOf = new Float64Array(n).fill(-1);
  const safetyAt = (i: number) =>
    safetyOf[i]! >= 0 ? safetyOf[i]! : (safetyOf[i] = toScaled(items[i]!.safetyStock, scale[i]!));

  // ---- demands and supply per item --------------------------------------------------------
  const refs = new Interned('SAFETY');
  const SAFETY = 0;
  const tracks = new Interned('');
  const subsLists = structure.subsLists;
  const R = new RowStore(n);
  // While an item is planned, the first write to another item's rows is noted, so that an
  // item that turns out not to fit can be taken back whole (see the planning loop).
  // The journal is an epoch stamp per item (the item being planned), what its rows held then
  // (how many, the last, the pool's sum) and the list of items written to.
  let journaling = false;
  let epoch = 0;
  const journalEpoch = new Int32Array(n);
  const journalN = new Int32Array(n);
  const journalLast = new Int32Array(n);
  const journalPool = new Float64Array(n);
  const journaled: number[] = [];
  // A net run: the items it plans. Another item's rows would never be read (it is kept).
  const replanning = net ? new Uint8Array(n) : undefined;
  if (net && replanning) {
    for (const code of net.replan) {
      const i = index.get(code);
      if (i !== undefined) replanning[i] = 1;
    }
  }
  /** Adds a demand row to item `i`. */
  const demand = (
    i: number,
    day: number,
    qty: number,
    ref: number,
    subs: number,
    track: number,
  ) => {
    if (replanning && !replanning[i]) return;
    if (journaling && journalEpoch[i] !== epoch) {
      journalEpoch[i] = epoch;
      journalN[i] = R.count[i]!;
      journalLast[i] = R.last[i]!;
      journalPool[i] = R.pool[i]!;
      journaled.push(i);
    }
    R.push(i, day, qty, ref, subs, track);
  };
  // Made for the items that have receipts or stock only (most items of a net run have none
  // read): one shared empty list or map stands for the rest.
  const lotsOf: (Receipt[] | undefined)[] = new Array(n);
  const stockOf: (Map<number, number> | undefined)[] = new Array(n);
  const NO_LOTS: readonly Receipt[] = [];
  const NO_STOCK: ReadonlyMap<number, number> = new Map();
  const lotsAt = (i: number): readonly Receipt[] => lotsOf[i] ?? NO_LOTS;
  const stockAt = (i: number): ReadonlyMap<number, number> => stockOf[i] ?? NO_STOCK;
  const trackOf = (i: number, tracking: string | undefined) =>
    mto[i] && tracking ? tracks.id(tracking) : 0;

  for (const s of input.stock) {
    const i = idx(s.item, 'stock');
    const k = trackOf(i, s.trackingNo);
    const q = scaledOf(i, s.qty);
    const total = q === undefined ? undefined : (stockAt(i).get(k) ?? 0) + q;
    if (total === undefined || !Number.isSafeInteger(total)) giveUp(i, `库存 ${s.qty}`);
    else (stockOf[i] ??= new Map()).set(k, total);
  }
  const receipt = (
    item: string,
    qtyText: string,
    due: string,
    ref: string,
    tracking: string | undefined,
  ) => {
    const i = idx(item, ref);
    const q = scaledOf(i, qtyText);
    if (q === undefined || q <= 0) return;
    const d = dayNumber(due);
    if (d > end) return;
    (lotsOf[i] ??= []).push({
      day: Math.max(run, d),
      due: d,
      qty: q,
      ref,
      track: trackOf(i, tracking),
    });
  };
  for (const po of input.purchaseOrders) receipt(po.item, po.qty, po.dueDate, po.no, po.trackingNo);
  for (const wo of input.workOrders) {
    const open = dec(wo.qty).minus(wo.received);
    if (open.gt(0)) receipt(wo.item, toQtyString(open), wo.dueDate, wo.no, wo.trackingNo);
  }

  const soInPeriod = new Map<number, { day: number; qty: number }[]>();
  for (const so of input.salesOrders) {
    const i = idx(so.item, so.no);
    const due = dayNumber(so.dueDate);
    const q = scaledOf(i, so.qty);
    if (q === undefined) continue;
    // The whole order was a sale of its period, delivered or not: it consumes the forecast.
    const period = soInPeriod.get(i);
    if (period) period.push({ day: due, qty: q });
    else soInPeriod.set(i, [{ day: due, qty: q }]);
    const delivered = so.delivered ? scaledOf(i, so.delivered) : 0;
    if (delivered === undefined) continue;
    const open = q - delivered;
    if (due > end || open <= 0) continue;
    const track = mto[i] ? tracks.id(so.trackingNo ?? so.no) : 0;
    demand(i, Math.max(run, due), open, refs.id(`${so.no}/${so.line}`), -1, track);
  }
  for (const f of input.forecasts) {
    const i = idx(f.item, 'forecast');
    const from = dayNumber(f.from);
    const to = dayNumber(f.to);
    let consumed = 0;
    for (const s of soInPeriod.get(i) ?? []) {
      if (s.day >= from && s.day <= to) consumed = checked(consumed + s.qty, 'forecast');
    }
    const forecast = scaledOf(i, f.qty);
    if (forecast === undefined) continue;
    const open = forecast - consumed;
    if (open <= 0) continue;
    const day = cal.firstWorkingOnOrAfter(Math.max(from, run));
    if (day > to || day > end) continue;
    demand(i, day, open, refs.id(`FC:${f.item}:${f.from}`), -1, 0);
  }
  for (const nd of needs) {
    const q = scaledOf(nd.item, nd.qty);
    if (q === undefined) continue;
    demand(
      nd.item,
      nd.day,
      q,
      refs.id(nd.ref),
      nd.line >= 0 ? lineSubs[nd.line]! : -1,
      mto[nd.item] && nd.tracking ? tracks.id(nd.tracking) : 0,
    );
  }

  // ---- planning, level by level ------------------------------------------------------------
  // Planned orders and their pegging, as columns.
  // Typed and doubled when full (`pN` used): as number arrays their growth was a tenth of a
  // run. Substitutes used are kept for the few orders that have any.
  let pN = 0;
  let pItem = new Int32Array(1 << 12);
  let pQty = new Float64Array(1 << 12);
  let pDue = new Int32Array(1 << 12);
  let pRelease = new Int32Array(1 << 12);
  let pLate = new Uint8Array(1 << 12);
  let pTrack = new Int32Array(1 << 12);
  const pSubs = new Map<number, Map<number, number>>();
  const addOrder = (i: number, qty: number, due: number, wanted: number, track: number) => {
    if (pN === pItem.length) {
      const size = pN * 2;
      pItem = grown(pItem, new Int32Array(size));
      pQty = grown(pQty, new Float64Array(size));
      pDue = grown(pDue, new Int32Array(size));
      pRelease = grown(pRelease, new Int32Array(size));
      pLate = grown(pLate, new Uint8Array(size));
      pTrack = grown(pTrack, new Int32Array(size));
    }
    pItem[pN] = i;
    pQty[pN] = qty;
    pDue[pN] = due;
    pRelease[pN] = Math.max(run, wanted);
    pLate[pN] = wanted < run ? 1 : 0;
    pTrack[pN] = track;
    pegging.open(pN);
    return pN++;
  };
  // Pegging entries (order, demand reference, quantity), in the order supply was taken.
  const pegging = new PegChains();
  const exceptions: MrpException[] = [];
  /** The item of each exception, by index (the result sorts them by item code). */
  const exItem: number[] = [];
  const raise = (i: number, kind: MrpException['kind'], detail: string) => {
    exceptions.push({ kind, item: items[i]!.code, detail });
    exItem.push(i);
  };
  // Release dates: `lead` working days before a day of the horizon, looked up once per pair.
  const horizon = Math.max(0, end - run + 1);
  const maxLead = items.reduce((m, it) => Math.max(m, it.leadTimeDays), 0);
  const cacheable = maxLead <= 4096 && Number.isSafeInteger(horizon * (maxLead + 1));
  const leadCache = new Float64Array(cacheable ? horizon * (maxLead + 1) : 0);
  const leadKnown = new Uint8Array(leadCache.length);
  const releaseOf = (day: number, lead: number): number => {
    if (!cacheable || day < run || day > end || !Number.isInteger(lead) || lead < 0)
      return cal.minusWorkingDays(day, lead);
    const at = (day - run) * (maxLead + 1) + lead;
    if (leadKnown[at]) return leadCache[at]!;
    const d = cal.minusWorkingDays(day, lead);
    leadCache[at] = d;
    leadKnown[at] = 1;
    return d;
  };
  let dayCounts = new Int32Array(horizon + 2);
  // Orders of one item are made together: where each item's run of orders starts and ends.
  const ordersFrom = new Int32Array(n);
  const ordersTo = new Int32Array(n);

  const explodeInto = (
    p: number,
    q: number,
    qScale: number,
    day: number,
    ref: number,
    track: number,
  ): boolean => {
    const v = bomAt(p, day);
    if (v < 0) return false;
    for (let l = lineStart[v]!, to = lineStart[v + 1]!; l < to; l++) {
      const c = lineChild[l]!;
      if (leftOut[c]) continue; // it is reported as not planned
      const need = rescale(times(q, lineFactor[l]!), qScale + lineScale[l]!, scale[c]!);
      demand(c, day, need, ref, lineSubs[l]!, mto[c] ? track : 0);
    }
    return true;
  };

  if (preparedProbe) {
    const probe = preparedProbe;
    preparedProbe = undefined;
    probe({
      run,
      end,
      order,
      scale,
      phantom,
      mto,
      unplannable: new Set(unplannable.keys()),
      versions: Array.from({ length: n }, (_, i) =>
        Array.from({ length: structure.verCount[i]! }, (_, k) => {
          const v = structure.verFirst[i]! + k;
          return {
            from: structure.verFrom[v]!,
            to: structure.verTo[v]!,
            lines: linesOf(v).map((l) => ({
              child: lineChild[l]!,
              factor: lineFactor[l]!,
              factorScale: lineScale[l]!,
            })),
          };
        }),
      ),
      demands: Array.from({ length: n }, (_, i) => {
        if (R.count[i] === 0) return undefined;
        const c = R.count[i]!;
        const [day, ref, subs, track] = [0, 0, 0, 0].map(() => new Int32Array(c));
        const qty = new Float64Array(c);
        R.gather(i, day!, qty, ref!, subs!, track!);
        return { n: c, day: [...day!], qty: [...qty], track: [...track!] };
      }),
      lots: Array.from({ length: n }, (_, i) => lotsAt(i)),
      stock: Array.from({ length: n }, (_, i) => stockAt(i)),
      releaseOf,
      trackTexts: tracks.texts,
    });
  }
  // ---- the netting workspace ----------------------------------------------------------------
  // One (item, tracking number) is netted at a time, so its supply, its demand rows in day
  // order and the day's shortages live in typed arrays reused from one to the next: netting
  // allocates nothing per lot or per day (it allocated more than half a GB on a 20,000-item
  // factory, and the collector took a third of the run).
  // Supply in day order (stock, receipts, planned lots as they are made): its day, what is
  // left of it, the planned order it is (-1: stock or a receipt), the receipt it is (index in
  // the item's receipts, -1: stock or a planned lot) and the day it was first drawn on.
  const NEVER = -0x80000000;
  let wDay = new Int32Array(256);
  let wLeft = new Float64Array(256);
  let wOrder = new Int32Array(256);
  let wReceipt = new Int32Array(256);
  let wFirstUsed = new Int32Array(256);
  let wN = 0;
  let wFirst = 0; // lots before this are used up
  let wReceipts = 0;
  /** Puts a lot at `at`, the lots from there on moved one place up. */
  const insertLot = (at: number, day: number, left: number, order: number, receipt: number) => {
    if (wN === wDay.length) {
      const size = wN * 2;
      wDay = grown(wDay, new Int32Array(size));
      wLeft = grown(wLeft, new Float64Array(size));
      wOrder = grown(wOrder, new Int32Array(size));
      wReceipt = grown(wReceipt, new Int32Array(size));
      wFirstUsed = grown(wFirstUsed, new Int32Array(size));
    }
    if (at < wN) {
      wDay.copyWithin(at + 1, at, wN);
      wLeft.copyWithin(at + 1, at, wN);
      wOrder.copyWithin(at + 1, at, wN);
      wReceipt.copyWithin(at + 1, at, wN);
      wFirstUsed.copyWithin(at + 1, at, wN);
    }
    wDay[at] = day;
    wLeft[at] = left;
    wOrder[at] = order;
    wReceipt[at] = receipt;
    wFirstUsed[at] = NEVER;
    wN++;
  };
  /** Where a lot of `day` goes: after every lot due by then (the order lots arose in kept). */
  const lotPlace = (day: number): number => {
    let at = wN;
    while (at > 0 && wDay[at - 1]! > day) at--;
    return at;
  };
  // The demand rows of the item being netted, copied out of the row store in the order they
  // arose (lDay...), and those of the tracking number being netted (indices), sorted by day.
  let lDay = new Int32Array(256);
  let lQty = new Float64Array(256);
  let lRef = new Int32Array(256);
  let lSubs = new Int32Array(256);
  let lTrack = new Int32Array(256);
  let dList = new Int32Array(256);
  let dCopy = new Int32Array(256);
  const listRoom = (m: number) => {
    if (dList.length < m) {
      const size = m * 2;
      lDay = new Int32Array(size);
      lQty = new Float64Array(size);
      lRef = new Int32Array(size);
      lSubs = new Int32Array(size);
      lTrack = new Int32Array(size);
      dList = new Int32Array(size);
      dCopy = new Int32Array(size);
    }
  };
  // The day's shortages: the demand row (-1: safety stock) and what it still lacks.
  let sIdx = new Int32Array(64);
  let sLeft = new Float64Array(64);
  let sN = 0;
  const short = (d: number, left: number) => {
    if (sN === sIdx.length) {
      sIdx = grown(sIdx, new Int32Array(sN * 2));
      sLeft = grown(sLeft, new Float64Array(sN * 2));
    }
    sIdx[sN] = d;
    sLeft[sN] = left;
    sN++;
  };
  let periodLeft = new Float64Array(256);

  // ---- net change: which items are planned, and the kept orders of the others ------------
  // A kept order passes down what its parent's planning would: its quantity at the item's
  // precision, on its release day, under its PLAN: reference (the same pegging text).
  const keptOf: (readonly ParsedKept[] | undefined)[] = [];
  if (net && replanning) {
    for (const [code, range] of net.kept) {
      const i = idx(code, 'previous plan');
      // Such an item is left out of every run: its orders cannot come from a plan of this data.
      if (unplannable.has(i) || phantom[i])
        throw new NetChangeMismatch(`kept orders of ${code}, which cannot have any`);
      // Only an item with a component being planned passes anything on.
      const [from, end] = itemLines(structure, i);
      let passes = false;
      for (let l = from; l < end && !passes; l++) passes = replanning[lineChild[l]!] === 1;
      if (!passes) continue;
      keptOf[i] = keptOrdersOf(code, net.previousOrders, range.from, range.to, items[i]!.precision);
    }
  }
  const replayKept = (i: number): void => {
    const list = keptOf[i];
    R.drop(i);
    if (!list) return;
    epoch++;
    journaled.length = 0;
    const e = items[i]!.precision;
    try {
      // A kept order's reference is numbered when it first passes demand down. Its text names
      // the item, so no other demand has it; the item's orders of one text (one due day and
      // tracking number) are next to each other in the list and take one number, as the same
      // text interned would.
      let lastText = '';
      let lastRef = -1;
      // Per BOM version, its lines to components being planned (kept ones need no rows): an
      // item's many orders mostly pass demand to one or two of a version's lines.
      const toPlanned = new Map<number, number[]>();
      for (const o of list) {
        const v = bomAt(i, o.release);
        if (v < 0) continue;
        let lines = toPlanned.get(v);
        if (!lines) {
          lines = [];
          for (let l = lineStart[v]!, to = lineStart[v + 1]!; l < to; l++) {
            const c = lineChild[l]!;
            if (replanning![c] && !leftOut[c]) lines.push(l);
          }
          toPlanned.set(v, lines);
        }
        let ref = -1;
        let track = -1;
        for (const l of lines) {
          const c = lineChild[l]!;
          const need = rescale(times(o.q, lineFactor[l]!), e + lineScale[l]!, scale[c]!);
          if (ref < 0) {
            if (o.refText !== lastText) {
              lastText = o.refText;
              lastRef = refs.add(o.refText);
            }
            ref = lastRef;
          }
          if (mto[c] && track < 0) track = o.tracking ? tracks.id(o.tracking) : 0;
          demand(c, o.release, need, ref, lineSubs[l]!, mto[c] ? track : 0);
        }
      }
    } catch (err) {
      if (!isOverflow(err)) throw err;
      // A full run would have taken this item back: its previous plan cannot be right.
      throw new NetChangeMismatch(`kept item ${items[i]!.code} does not fit exact planning`);
    }
  };

  journaling = true;
  for (const i of order) {
    if (unplannable.has(i)) continue;
    if (replanning && !replanning[i]) {
      replayKept(i);
      continue;
    }
    const markOrders = pN;
    const markPegs = pegging.size;
    const markExceptions = exceptions.length;
    epoch++;
    journaled.length = 0;
    try {
      planItem(i);
      ordersFrom[i] = markOrders;
      ordersTo[i] = pN;
      // Nothing reads a planned item's demand rows again (its components and substitutes
      // come later).
      R.drop(i);
    } catch (err) {
      if (!isOverflow(err)) throw err;
      // Take the item back: its planned orders, their pegging, its exceptions, and the
      // demand it passed down to components and substitutes.
      pN = markOrders;
      for (const o of pSubs.keys()) if (o >= markOrders) pSubs.delete(o);
      pegging.truncate(markPegs);
      exceptions.length = markExceptions;
      exItem.length = markExceptions;
      for (const c of journaled) R.cut(c, journalN[c]!, journalLast[c]!, journalPool[c]!);
      giveUp(i, '计划量');
    }
  }
  journaling = false;
  for (const [i, what] of unplannable) {
    raise(
      i,
      'notPlanned',
      `数量超出可精确计算的范围（${what}），本次未计划此物料，也未展开其下层需求：请核对该物料的数据`,
    );
  }

  /** Plans one item, every tracking number of it, in the level order. */
  function planItem(i: number): void {
    listRoom(R.count[i]!);
    const m = R.gather(i, lDay, lQty, lRef, lSubs, lTrack);
    if (!mto[i]) {
      // Made to stock: every row, stock and receipt of it is in the pool (tracking 0).
      for (let k = 0; k < m; k++) dList[k] = k;
      planOneTrack(i, 0, m);
      return;
    }
    const byTrack = new Map<number, number[]>();
    for (let k = 0; k < m; k++) {
      const t = lTrack[k]!;
      const list = byTrack.get(t);
      if (list) list.push(k);
      else byTrack.set(t, [k]);
    }
    const trackIds = new Set<number>([0, ...byTrack.keys(), ...stockAt(i).keys()]);
    for (const l of lotsAt(i)) trackIds.add(l.track);
    for (const track of [...trackIds].sort((a, b) =>
      tracks.texts[a]! < tracks.texts[b]! ? -1 : 1,
    )) {
      const own = byTrack.get(track) ?? [];
      dList.set(own);
      planOneTrack(i, track, own.length);
    }
  }

  /** Nets the `m` demand rows (their indices in `dList`) of one tracking number of item `i`. */
  function planOneTrack(i: number, track: number, m: number): void {
    const e = scale[i]!;
    wN = 0;
    wFirst = 0;
    wReceipts = 0;
    const onHand = stockAt(i).get(track) ?? 0;
    if (onHand > 0) insertLot(0, run, onHand, -1, -1);
    const receipts = lotsAt(i);
    for (let r = 0; r < receipts.length; r++) {
      const l = receipts[r]!;
      if (l.track !== track) continue;
      insertLot(lotPlace(l.day), l.day, l.qty, -1, r);
      wReceipts++;
    }
    const safety = track === 0 ? safetyAt(i) : 0;
    if (m === 0 && safety === 0 && wReceipts === 0) return;
    // Stable by day: demands of one day keep the order they arose in.
    sortByDay(m, lDay);
    planTrack(i, track, m, safety);
    for (let k = 0; k < wN && wReceipts > 0; k++) {
      if (wReceipt[k]! < 0) continue;
      const l = receipts[wReceipt[k]!]!;
      const firstUsed = wFirstUsed[k]!;
      if (firstUsed === NEVER) {
        raise(
          i,
          'cancel',
          `${l.ref}：计划期内不需要，建议取消或推迟（${dateOf(l.due)} 到货 ${fromScaled(wLeft[k]!, e)}）`,
        );
      } else if (firstUsed > l.day + RESCHEDULE_OUT_DAYS) {
        raise(i, 'rescheduleOut', `${l.ref}：${dateOf(l.day)} → ${dateOf(firstUsed)}`);
      }
    }
  }

  /**
   * Sorts the first `m` row indices of `dList` by their day, stably: a counting sort over the
   * days of the horizon (every row's day lies in it), or an insertion sort for a few rows.
   */
  function sortByDay(m: number, day: Int32Array): void {
    const list = dList;
    if (m < 2) return;
    if (m <= 24) {
      for (let a = 1; a < m; a++) {
        const x = list[a]!;
        const dx = day[x]!;
        let b = a - 1;
        while (b >= 0 && day[list[b]!]! > dx) {
          list[b + 1] = list[b]!;
          b--;
        }
        list[b + 1] = x;
      }
      return;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < m; k++) {
      const d = day[list[k]!]!;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    const span = hi - lo + 1;
    if (!(span <= 4 * horizon + 64)) {
      list.subarray(0, m).sort((a, b) => day[a]! - day[b]! || a - b);
      return;
    }
    if (dayCounts.length < span + 1) dayCounts = new Int32Array(span + 1);
    const counts = dayCounts;
    counts.fill(0, 0, span + 1);
    for (let k = 0; k < m; k++) counts[day[list[k]!]! - lo + 1]!++;
    for (let d = 0; d < span; d++) counts[d + 1]! += counts[d]!;
    const copy = dCopy;
    copy.set(list.subarray(0, m));
    for (let k = 0; k < m; k++) {
      const x = copy[k]!;
      list[counts[day[x]! - lo]!++] = x;
    }
  }

  /** Takes what lots available by `day` give towards `qty`; returns how much was taken. */
  function take(day: number, qty: number, ref: number): number {
    let left = qty;
    for (let k = wFirst; k < wN && left > 0; k++) {
      const has = wLeft[k]!;
      if (has === 0) {
        // Only lots due by today move the cursor: a later receipt emptied by a pull-in must
        // not, since a planned lot for today is inserted before it and must stay in reach.
        if (k === wFirst && wDay[k]! <= day) wFirst++;
        continue;
      }
      if (wDay[k]! > day) break;
      const used = Math.min(left, has);
      wLeft[k] = has - used;
      left -= used;
      if (wFirstUsed[k] === NEVER) wFirstUsed[k] = day;
      if (wOrder[k]! >= 0) pegging.add(wOrder[k]!, ref, used);
    }
    return qty - left;
  }

  /**
   * Nets one item's demand of one tracking number (0: the pool) against its lots, first in,
   * first out, day by day; a day that is short is covered by coverShortage. Safety stock is a
   * standing demand on the run date, served first.
   */
  function planTrack(i: number, track: number, m: number, safety: number): void {
    sN = 0;
    if (safety > 0) {
      const got = take(run, safety, SAFETY);
      if (got < safety) {
        short(-1, safety - got);
        if (!(m && lDay[dList[0]!] === run)) {
          coverShortage(i, track, run, m, 0);
          sN = 0;
        }
      }
    }
    for (let start = 0; start < m;) {
      const day = lDay[dList[start]!]!;
      let stop = start;
      while (stop < m && lDay[dList[stop]!] === day) stop++;
      for (let k = start; k < stop; k++) {
        const d = dList[k]!;
        const q = lQty[d]!;
        const got = take(day, q, lRef[d]!);
        if (got < q) short(d, q - got);
      }
      if (sN) coverShortage(i, track, day, m, stop);
      sN = 0;
      start = stop;
    }
  }

  /** The demand reference of shortage `k` (safety stock's, or its row's). */
  function shortRef(k: number): number {
    return sIdx[k]! < 0 ? SAFETY : lRef[sIdx[k]!]!;
  }

  function coverShortage(i: number, track: number, day: number, m: number, next: number): void {
    const it = items[i]!;
    const e = scale[i]!;
    let subsUsed: Map<number, number> | null = null;
    // 1. Free stock of substitutes, in priority order, before anything is planned.
    for (let k = 0; k < sN; k++) {
      const d = sIdx[k]!;
      if (d < 0 || lSubs[d]! < 0) continue;
      for (const sub of subsLists[lSubs[d]!]!) {
        const left = sLeft[k]!;
        if (left <= 0 || rank[sub.item]! < rank[i]! || leftOut[sub.item]) continue;
        const covered = substitute(i, sub, left, day);
        if (covered > 0) {
          sLeft[k] = left - covered;
          const used = rescale(times(covered, sub.ratio), e + sub.ratioScale, scale[sub.item]!);
          subsUsed ??= new Map();
          subsUsed.set(sub.item, (subsUsed.get(sub.item) ?? 0) + used);
        }
      }
    }
    // 2. Receipts due later are pulled in before anything new is ordered (lots are in day
    // order: those due later start at lotPlace(day), and no planned lot is due later yet).
    const later = wReceipts > 0 ? lotPlace(day) : wN;
    for (let k = 0; k < sN && later < wN; k++) {
      for (let r = later; r < wN; r++) {
        if (wReceipt[r]! < 0) continue;
        if (sLeft[k]! <= 0) break;
        if (wLeft[r] === 0) continue;
        const used = Math.min(sLeft[k]!, wLeft[r]!);
        wLeft[r]! -= used;
        sLeft[k]! -= used;
        if (wFirstUsed[r] === NEVER) wFirstUsed[r] = day;
        raise(
          i,
          'rescheduleIn',
          `${lotsAt(i)[wReceipt[r]!]!.ref}：${dateOf(wDay[r]!)} → ${dateOf(day)}（需要 ${fromScaled(used, e)}）`,
        );
      }
    }
    let need = 0;
    for (let k = 0; k < sN; k++) need = checked(need + sLeft[k]!, 'need');
    if (need <= 0) {
      for (const [sub, q] of subsUsed ?? []) {
        raise(
          i,
          'substitute',
          `${dateOf(day)}：用替代料 ${items[sub]!.code} ${fromScaled(q, scale[sub]!)}`,
        );
      }
      return;
    }
    // 3. A phantom is never ordered: what it lacks explodes into its components, same day,
    // under the reference of the demand it serves.
    if (phantom[i]) {
      for (let k = 0; k < sN; k++) {
        const left = sLeft[k]!;
        if (left <= 0) continue;
        if (!explodeInto(i, left, e, day, shortRef(k), track)) {
          raise(
            i,
            'late',
            `${dateOf(day)}：虚拟件没有生效的物料清单，需求 ${fromScaled(left, e)} 无法展开`,
          );
        }
      }
      return;
    }
    // 4. One planned order for the day, lot-sized, rounded up to the unit.
    const unit = pow10(e - it.precision);
    const extra =
      it.lotSizing.rule === 'period' ? periodShortfall(day + it.lotSizing.days - 1, m, next) : 0;
    const qty = ceilToMultiple(sizedLot(lotOf(i), need + extra), unit);
    const wanted = releaseOf(day, it.leadTimeDays);
    const id = addOrder(i, qty, day, wanted, track);
    if (subsUsed) pSubs.set(id, subsUsed);
    if (wanted < run) {
      raise(
        i,
        'late',
        `${dateOf(day)} 需要 ${fromScaled(qty, e)}：提前期 ${it.leadTimeDays} 个工作日，应于 ${dateOf(wanted)} 下达，已晚`,
      );
    }
    insertLot(lotPlace(day), day, qty, id, -1);
    for (let k = 0; k < sN; k++) {
      if (sLeft[k]! > 0) sLeft[k]! -= take(day, sLeft[k]!, shortRef(k));
    }
    // Its components are needed when it is released.
    // The reference of a planned order's dependent demand is the order itself (-1 - id); its
    // text (PLAN:item:due[:tracking]) is made only when pegging is read.
    explodeInto(i, qty / unit, it.precision, pRelease[id]!, -1 - id, track);
  }

  /**
   * Period rule: what the days after this one, up to `last`, will lack given what is on hand
   * and due (lots are not touched), so one order covers the whole period.
   */
  function periodShortfall(last: number, m: number, next: number): number {
    if (periodLeft.length < wN) periodLeft = new Float64Array(wDay.length);
    const remaining = periodLeft;
    remaining.set(wLeft.subarray(0, wN));
    let lacking = 0;
    for (let k = next; k < m; k++) {
      const d = dList[k]!;
      if (lDay[d]! > last) break;
      let left = lQty[d]!;
      for (let j = 0; j < wN && left > 0; j++) {
        if (wDay[j]! > lDay[d]!) break;
        const used = Math.min(left, remaining[j]!);
        remaining[j]! -= used;
        left -= used;
      }
      lacking = checked(lacking + left, 'period');
    }
    return lacking;
  }

  function substitute(i: number, sub: Sub, left: number, day: number): number {
    const s = sub.item;
    const es = scale[s]!;
    const e = scale[i]!;
    // Free: stock not held as safety stock nor wanted by any demand known so far (earlier
    // substitute use included: it is demand on the substitute).
    const known = R.pool[s]!;
    const free = (stockAt(s).get(0) ?? 0) - safetyAt(s) - known;
    if (free <= 0) return 0;
    const wanted = rescale(times(left, sub.ratio), e + sub.ratioScale, es);
    let covered = left;
    if (wanted > free) {
      const step = pow10(es - (e + sub.ratioScale));
      const freeAt = floorToMultiple(free, step) / step; // at scale e + ratioScale
      covered = Math.floor(freeAt / sub.ratio);
      while (covered * sub.ratio > freeAt) covered--;
    }
    if (covered <= 0) return 0;
    const used = rescale(times(covered, sub.ratio), e + sub.ratioScale, es);
    // What is taken is demand on the substitute when it is planned, so it is not free again.
    demand(s, day, used, refs.id(`SUB:${items[i]!.code}`), -1, 0);
    return covered;
  }

  // ---- the result, in the documented shape --------------------------------------------------
  const orders = pN;
  const run_ = lazyPegging({
    chains: pegging,
    refTexts: refs.texts,
    trackTexts: tracks.texts,
    codes: items.map((it) => it.code),
    scale,
    pItem,
    pDue,
    pTrack,
    orders,
    net: net !== undefined,
  });
  const plannedOrder = (o: number): PlannedOrder => {
    const i = pItem[o]!;
    const it = items[i]!;
    const type = SOURCE_TYPE[it.source as keyof typeof SOURCE_TYPE];
    const subs = pSubs.get(o);
    return new PlannedOrderRow(
      run_,
      o,
      type,
      it.code,
      fromScaled(pQty[o]!, scale[i]!),
      dateOf(pRelease[o]!),
      dateOf(pDue[o]!),
      tracks.texts[pTrack[o]!] || null,
      supplierOf(type, it),
      subs
        ? [...subs].map(([s, q]) => ({ item: items[s]!.code, qty: fromScaled(q, scale[s]!) }))
        : NO_SUBSTITUTES,
      pLate[o] === 1,
    );
  };
  // Sorted by item code, then due date, then tracking number. An item's orders were made
  // together, by tracking number and then by day: only a tracked item's need sorting.
  const byCode = items.map((_, i) => i).sort((a, b) => (items[a]!.code < items[b]!.code ? -1 : 1));
  const result: PlannedOrder[] = new Array(orders);
  /** The planned order (its number in the columns) at each place of the result. */
  let filled = 0;
  for (const i of byCode) {
    const from = ordersFrom[i]!;
    const to = ordersTo[i]!;
    if (to <= from) continue;
    if (!mto[i] || to - from === 1) {
      for (let o = from; o < to; o++) {
        result[filled++] = plannedOrder(o);
      }
      continue;
    }
    const ids: number[] = [];
    for (let o = from; o < to; o++) ids.push(o);
    ids.sort((a, b) =>
      pDue[a]! < pDue[b]!
        ? -1
        : pDue[a]! > pDue[b]!
          ? 1
          : tracks.texts[pTrack[a]!]! < tracks.texts[pTrack[b]!]!
            ? -1
            : 1,
    );
    for (const o of ids) {
      result[filled++] = plannedOrder(o);
    }
  }
  if (filled !== orders)
    throw new Error(`planned orders lost while sorting: ${filled} of ${orders}`);
  // Exceptions by item code, each item's in the order they arose.
  const codeRank = new Int32Array(n);
  byCode.forEach((i, r) => (codeRank[i] = r));
  const exStart = new Int32Array(n + 1);
  for (const i of exItem) exStart[codeRank[i]! + 1]!++;
  for (let r = 0; r < n; r++) exStart[r + 1]! += exStart[r]!;
  const sortedExceptions: MrpException[] = new Array(exceptions.length);
  for (let k = 0; k < exceptions.length; k++)
    sortedExceptions[exStart[codeRank[exItem[k]!]!]!++] = exceptions[k]!;
  return withStructure(
    { runDate: input.runDate, plannedOrders: result, exceptions: sortedExceptions },
    structure,
  );
}

/** The result with the structure it was planned on attached, out of sight of JSON and equality. */
function withStructure(result: PlanningResult, structure: EngineStructure): PlanningResult {
  Object.defineProperty(result, 'structure', { value: structure, enumerable: false });
  return result;
}

/**
 * How a run's planned orders make their pegging when it is read: from the run's pegging chains
 * and the columns they name. A kept order holds this while it is in a plan, so it holds
 * nothing else of its run (a closure inside planRun kept the whole run alive: about 35 MiB
 * a net run on a 20k-item factory, for as long as any of its orders stayed in later plans).
 */
function lazyPegging(run: {
  chains: PegChains;
  refTexts: readonly string[];
  trackTexts: readonly string[];
  codes: readonly string[];
  scale: ArrayLike<number>;
  pItem: Int32Array;
  pDue: Int32Array;
  pTrack: Int32Array;
  orders: number;
  net: boolean;
}): PlanPegging {
  const { chains: pegging, refTexts, trackTexts, codes, scale, pItem, pDue, pTrack, orders } = run;
  // Pegging stays in its chains, one per order; an order's list is made when it is read.
  // Where a demand already stands in the list being built (entries of one demand on one order
  // are added up, in the order demands first took from it): interned references by number,
  // planned orders' own references (-1 - id) by order.
  let stamp = 0;
  const seenIn = new Int32Array(refTexts.length);
  const seenAt = new Int32Array(refTexts.length);
  const seenPlanIn = new Int32Array(orders);
  const seenPlanAt = new Int32Array(orders);
  const planTexts: (string | undefined)[] = new Array(orders);
  const refText = (ref: number): string => {
    if (ref >= 0) return refTexts[ref]!;
    const id = -1 - ref;
    let text = planTexts[id];
    if (text === undefined) {
      const key = trackTexts[pTrack[id]!]!;
      text = planDemandRef(codes[pItem[id]!]!, dateOf(pDue[id]!), key);
      planTexts[id] = text;
    }
    return text;
  };
  /**
   * The order's pegging without making its list: each demand once, in the order it first
   * took from the order, with what it took in all (scaled to the order's item).
   */
  const compactOf = (o: number): CompactPegging => {
    const mark = ++stamp;
    const refsOf: number[] = [];
    const qtys: number[] = [];
    pegging.each(o, (ref, qty) => {
      const inArr = ref >= 0 ? seenIn : seenPlanIn;
      const atArr = ref >= 0 ? seenAt : seenPlanAt;
      const slot = ref >= 0 ? ref : -1 - ref;
      if (inArr[slot] === mark) qtys[atArr[slot]!]! += qty;
      else {
        inArr[slot] = mark;
        atArr[slot] = refsOf.length;
        refsOf.push(ref);
        qtys.push(qty);
      }
    });
    return { demands: refsOf.map(refText), qtys, scale: scale[pItem[o]!]! };
  };
  const peggingOf = (o: number): PlannedOrder['pegging'] => {
    const { demands, qtys, scale: e } = compactOf(o);
    return demands.map((demand, k) => ({ demand, qty: fromScaled(qtys[k]!, e) }));
  };
  // Each order keeps its own list once made: nothing here holds one (an order replaced by a
  // later run must take its list with it).
  return { net: run.net, pegging: peggingOf, compact: compactOf };
}

/** How a run's planned orders make their pegging when it is read; `net`: a net run's. */
type PlanPegging = {
  net: boolean;
  pegging(order: number): PlannedOrder['pegging'];
  compact(order: number): CompactPegging;
};

/** An order's pegging as numbers: its demands, what each took (scaled by `scale`). */
type CompactPegging = { demands: readonly string[]; qtys: readonly number[]; scale: number };

/**
 * The demands an order is pegged to, in its pegging's order: what `order.pegging` names,
 * without making the pegging list of an order whose list is not made yet (a check that reads
 * the demands of thousands of orders, the promise check, would otherwise make them all).
 */
export function peggedDemands(order: PlannedOrder): readonly string[] {
  const compact = compactPegging(order);
  return compact ? compact.demands : order.pegging.map((p) => p.demand);
}

/** An order's pegging from its run's chains, when it is this engine's and its list is not made. */
function compactPegging(order: PlannedOrder): CompactPegging | undefined {
  return order instanceof PlannedOrderRow ? order.compactPegging() : undefined;
}

/**
 * Whether two orders have the same pegging (demands, in order, and quantities), without
 * making the list of either where it is not made yet: net change compares every replanned
 * item's orders with the previous plan's.
 */
export function samePegging(a: PlannedOrder, b: PlannedOrder): boolean {
  const x = compactPegging(a);
  const y = compactPegging(b);
  const da = x ? x.demands : a.pegging.map((p) => p.demand);
  const db = y ? y.demands : b.pegging.map((p) => p.demand);
  if (da.length !== db.length || da.some((d, k) => d !== db[k])) return false;
  if (x && y && x.scale === y.scale) return x.qtys.every((q, k) => q === y.qtys[k]);
  const qa = x ? x.qtys.map((q) => fromScaled(q, x.scale)) : a.pegging.map((p) => p.qty);
  const qb = y ? y.qtys.map((q) => fromScaled(q, y.scale)) : b.pegging.map((p) => p.qty);
  return qa.every((q, k) => q === qb[k]);
}

/**
 * A planned order of the result. Its fields are own data properties in the documented order,
 * but `pegging` is an own, enumerable accessor in its place (between `supplier` and
 * `substitutes`): JSON, spreads, Object.keys and equality see it as always, and the list is
 * made on the first read (then kept). Most of a large plan's pegging is never read during a
 * run; making it for every order cost more than the netting. The run and the order's number
 * are private fields, invisible to all of those.
 */
class PlannedOrderRow {
  #run: PlanPegging | undefined;
  readonly #order: number;
  #pegging: PlannedOrder['pegging'] | undefined;
  // Declared only: the constructor makes them, in this order (class fields would all be
  // made before the accessor and move `pegging` to the end).
  declare type: PlannedOrderType;
  declare item: string;
  declare qty: string;
  declare releaseDate: string;
  declare dueDate: string;
  declare trackingNo: string | null;
  declare supplier: string | null;
  declare pegging: PlannedOrder['pegging'];
  declare substitutes: PlannedOrder['substitutes'];
  declare late: boolean;

  constructor(
    run: PlanPegging,
    order: number,
    type: PlannedOrderType,
    item: string,
    qty: string,
    releaseDate: string,
    dueDate: string,
    trackingNo: string | null,
    supplier: string | null,
    substitutes: PlannedOrder['substitutes'],
    late: boolean,
  ) {
    this.#run = run;
    this.#order = order;
    this.type = type;
    this.item = item;
    this.qty = qty;
    this.releaseDate = releaseDate;
    this.dueDate = dueDate;
    this.trackingNo = trackingNo;
    this.supplier = supplier;
    Object.defineProperty(this, 'pegging', PlannedOrderRow.#lazyPegging);
    this.substitutes = substitutes;
    this.late = late;
  }

  /** Its pegging from the run's chains while its list is not made (else undefined). */
  compactPegging(): CompactPegging | undefined {
    return this.#pegging || !this.#run ? undefined : this.#run.compact(this.#order);
  }

  /** A net run's order that still holds its run (settle() lets it go). */
  get unsettled(): boolean {
    return this.#run?.net === true;
  }

  /** A net run's order: its pegging is made now, and the run is no longer held. */
  settle(): void {
    if (!this.#run?.net) return;
    this.#pegging ??= this.#run.pegging(this.#order);
    this.#run = undefined;
  }

  /** One accessor pair for every order: objects keep one shape. */
  static readonly #lazyPegging: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: PlannedOrderRow) {
      return (this.#pegging ??= this.#run!.pegging(this.#order));
    },
    set(this: PlannedOrderRow, value: PlannedOrder['pegging']) {
      this.#pegging = value;
    },
  };
}

/**
 * The suggested supplier of a planned order: none for production; the customer of a
 * customer-supplied item (the request goes to them); else the item's default supplier.
 */
function supplierOf(type: PlannedOrderType, it: MrpItem): string | null {
  if (type === 'production') return null;
  if (type === 'customerSupply') return it.customer ?? null;
  return it.defaultSupplier ?? null;
}

/**
 * Lot sizing of one day's net requirement (DOMAIN.md); for the period rule `need` already
 * holds the whole period's. Rounding up to the unit comes after.
 */
export function lotSize(rule: LotSizing, need: number, scale: number): number {
  return sizedLot(scaledLot(rule, scale), need);
}

/** A lot-sizing rule's quantities at an item's scale (0: not given). */
type ScaledLot = { sized: boolean; fixed: number; min: number; multiple: number };

function scaledLot(rule: LotSizing, scale: number): ScaledLot {
  switch (rule.rule) {
    case 'fixed':
      return { sized: true, fixed: toScaled(rule.qty, scale), min: 0, multiple: 0 };
    case 'minMultiple':
      return {
        sized: true,
        fixed: 0,
        min: rule.min ? toScaled(rule.min, scale) : 0,
        multiple: rule.multiple ? toScaled(rule.multiple, scale) : 0,
      };
    default:
      return { sized: false, fixed: 0, min: 0, multiple: 0 };
  }
}

function sizedLot(lot: ScaledLot, need: number): number {
  if (!lot.sized) return need;
  if (lot.fixed) return ceilToMultiple(need, lot.fixed);
  const q = Math.max(need, lot.min);
  return lot.multiple ? ceilToMultiple(q, lot.multiple) : q;
}

export type { WorkCalendar };

function grown<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
