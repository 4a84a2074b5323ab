// A frozen copy of the regenerative engine as it was before the "engine near its floor" rewrite
// (issue 17). Test-only: tests/bench/mrpEngineReference.test.ts holds planMrp equal to it on
// generated factories, every field. Not imported by product code; do not change it.
import {
  AppError,
  type ItemSource,
  type LotSizing,
  type PlannedOrderType,
  qty as dec,
  toQtyString,
} from '@factory/shared';
import { findCycles } from '../factoryFile/cycles.js';
import { lowLevelCodes } from '../bom/graph.js';
import { cycleError, traverse } from '../bom/walk.js';
import { dateOf, dayNumber, workCalendar } from './calendar.js';
import {
  ceilToMultiple,
  checked,
  decimals,
  floorToMultiple,
  fromScaled,
  pow10,
  rescale,
  scaledLineFactor,
  times,
  isOverflow,
  toScaled,
} from './scaled.js';
import { unissuedNeeds } from './needs.js';
import { Interned } from './store.js';
import type { MrpException, MrpInput, MrpItem, PlannedOrder, PlanningResult } from './types.js';

/** One item's demand rows as the engine held them when this copy was frozen: number arrays. */
class DemandRows {
  n = 0;
  readonly day: number[] = [];
  readonly qty: number[] = [];
  /** Index into the run's reference texts (SO-1/1, PLAN:..., SAFETY). */
  readonly ref: number[] = [];
  /** Index into the run's substitute lists, -1 for none. */
  readonly subs: number[] = [];
  /** Index into the run's tracking numbers, 0 for the pool. */
  readonly track: number[] = [];
  /** Sum of the quantities in the pool (tracking 0). */
  poolTotal = 0;

  push(day: number, qty: number, ref: number, subs: number, track: number): void {
    this.day.push(day);
    this.qty.push(qty);
    this.ref.push(ref);
    this.subs.push(subs);
    this.track.push(track);
    this.n++;
    if (track === 0) this.poolTotal += qty;
  }
}

type Sub = { item: number; priority: number; ratio: number; ratioScale: number; ratioText: string };
type Line = { child: number; factor: number; factorScale: number; subs: Sub[]; subsId: number };
type Version = { from: number; to: number; lines: Line[] };

type Lot = {
  day: number;
  remaining: number;
  kind: 'stock' | 'receipt' | 'planned';
  ref: string;
  track: number;
  due?: number;
  firstUsed?: number;
  /** The planned order it is (index), -1 for stock and receipts. */
  order: number;
};

/** The planned order type of each source (a phantom gets none). */
const SOURCE_TYPE = {
  purchased: 'purchase',
  manufactured: 'production',
  outsourced: 'outsourcing',
  customerSupplied: 'customerSupply',
} as const satisfies Partial<Record<ItemSource, PlannedOrderType>>;
/** A receipt first needed more than this many days after it arrives is worth moving out. */
const RESCHEDULE_OUT_DAYS = 3;

/**
 * Regenerative MRP in daily buckets, items in low-level-code order (DOMAIN.md, "Planning").
 * Pure: plain data in, the planning result out. Quantities are exact (scaled integers).
 */
export function planMrpReference(input: MrpInput): PlanningResult {
  const cal = workCalendar(input.calendar);
  const run = dayNumber(input.runDate);
  const end = run + input.horizonDays - 1;

  // ---- items --------------------------------------------------------------------------
  const items = input.items;
  const index = new Map(items.map((it, i) => [it.code, i]));
  const idx = (code: string, where: string): number => {
    const i = index.get(code);
    if (i === undefined)
      throw new AppError('request.invalid', `计划数据引用了不存在的物料：${code}（${where}）`);
    return i;
  };
  const n = items.length;
  const phantom = items.map((it) => it.source === 'phantom');
  const mto = items.map((it) => it.strategy === 'mto');
  // Items whose quantities cannot be computed exactly (a stored value past what the scaled
  // integers hold): each is left out of this run with a 'notPlanned' exception, and every
  // other item is planned as usual. One bad record never stops the tenant's planning.
  const unplannable = new Map<number, string>();
  const giveUp = (i: number, what: string) => {
    if (!unplannable.has(i)) unplannable.set(i, what);
  };

  // ---- BOM versions, with each line's factor qtyPer x (1 + loss) exact --------------------
  // The factor is the one BOM walk's `lineFactor` in scaled integers (scaled.ts; the shared
  // property test holds the two equal, and this explosion equal to the walk's).
  const versions: Version[][] = Array.from({ length: n }, () => []);
  const edges = new Map<string, string[]>();
  for (const [parent, list] of input.boms) {
    const p = idx(parent, 'BOM');
    for (const v of list) {
      const lines = v.lines.flatMap((l): Line[] => {
        let factor: { value: number; scale: number };
        try {
          factor = scaledLineFactor(l);
        } catch (err) {
          if (!isOverflow(err)) throw err;
          giveUp(p, `物料清单 ${v.version} 中 ${l.component} 的用量 ${l.qtyPer}`);
          return [];
        }
        return [
          {
            child: idx(l.component, `BOM ${parent}`),
            factor: factor.value,
            factorScale: factor.scale,
            subs: [...l.substitutes]
              .sort((a, b) => a.priority - b.priority)
              .map((s) => ({
                item: idx(s.item, `BOM ${parent}`),
                priority: s.priority,
                ratio: toScaled(s.ratio, decimals(s.ratio)),
                ratioScale: decimals(s.ratio),
                ratioText: s.ratio,
              })),
            subsId: -1,
          },
        ];
      });
      versions[p]!.push({
        from: v.from ? dayNumber(v.from) : -Infinity,
        to: v.to ? dayNumber(v.to) : Infinity,
        lines,
      });
      edges.set(parent, [
        ...new Set([...(edges.get(parent) ?? []), ...v.lines.map((l) => l.component)]),
      ]);
    }
  }
  const cycle = findCycles(edges)[0];
  if (cycle) throw cycleError(cycle);
  const bomAt = (p: number, day: number): Version | undefined =>
    versions[p]!.find((v) => v.from <= day && day <= v.to);

  // ---- processing order: low-level code, then code ----------------------------------------
  // A substitute is planned after the components it stands in for, so its free stock is
  // known and what is taken from it becomes its demand (unless that would close a loop).
  const orderEdges = new Map([...edges].map(([p, c]) => [p, [...c]]));
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const x = stack.pop()!;
      if (x === to) return true;
      if (seen.has(x)) continue;
      seen.add(x);
      stack.push(...(orderEdges.get(x) ?? []));
    }
    return false;
  };
  for (const list of versions) {
    for (const v of list) {
      for (const l of v.lines) {
        const c = items[l.child]!.code;
        for (const sub of l.subs) {
          const sCode = items[sub.item]!.code;
          if ((orderEdges.get(c) ?? []).includes(sCode) || reaches(sCode, c)) continue;
          orderEdges.set(c, [...(orderEdges.get(c) ?? []), sCode]);
        }
      }
    }
  }
  const llcByCode = lowLevelCodes(orderEdges);
  const order = items
    .map((_, i) => i)
    .sort((a, b) => {
      const la = llcByCode.get(items[a]!.code) ?? 0;
      const lb = llcByCode.get(items[b]!.code) ?? 0;
      return (
        la - lb || (items[a]!.code < items[b]!.code ? -1 : items[a]!.code > items[b]!.code ? 1 : 0)
      );
    });
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
    line: Line | undefined;
  };
  const needs: Need[] = [];
  const linesUnder = new Map<string, Map<number, Line>>();
  const lineOf = (root: number, day: number, child: number): Line | undefined => {
    const key = `${root}@${day}`;
    let found = linesUnder.get(key);
    if (!found) {
      const out = new Map<number, Line>();
      const structure = {
        lines: (p: number) => bomAt(p, day)?.lines,
        component: (l: Line) => l.child,
        name: (i: number) => items[i]!.code,
      };
      // The one BOM walk, through phantoms that have a BOM at the date.
      traverse(root, true, structure, (l) => {
        if (phantom[l.child] && bomAt(l.child, day)) return true;
        if (!out.get(l.child)?.subs.length) out.set(l.child, l);
        return undefined;
      });
      linesUnder.set(key, (found = out));
    }
    return found.get(child);
  };
  for (const wo of input.workOrders) {
    idx(wo.item, wo.no);
    const start = Math.max(run, dayNumber(wo.startDate));
    if (start > end) continue;
    const startDay = dayNumber(wo.startDate);
    const lines = (code: string) =>
      bomAt(idx(code, wo.no), startDay)?.lines.map((l) => ({
        component: items[l.child]!.code,
        qtyPer: fromScaled(l.factor, l.factorScale),
        lossRate: '0',
      }));
    for (const [code, q] of unissuedNeeds(wo, lines, (code) => phantom[idx(code, wo.no)]!)) {
      const c = idx(code, wo.no);
      needs.push({
        item: c,
        day: start,
        qty: q,
        ref: wo.no,
        tracking: mto[c] ? (wo.trackingNo ?? '') : '',
        // A rework order's needs are its product and repair parts, not BOM lines.
        line: wo.rework ? undefined : lineOf(idx(wo.item, wo.no), startDay, c),
      });
    }
  }

  // ---- scales: decimals each item's quantities need so that every sum and product is exact ----
  const scale = items.map((it) => {
    let s = it.precision;
    s = Math.max(s, decimals(it.safetyStock));
    const lot = it.lotSizing;
    if (lot.rule === 'fixed') s = Math.max(s, decimals(lot.qty));
    if (lot.rule === 'minMultiple')
      s = Math.max(s, decimals(lot.min ?? '0'), decimals(lot.multiple ?? '0'));
    return s;
  });
  const widen = (code: string, text: string) => {
    const i = index.get(code);
    if (i !== undefined) scale[i] = Math.max(scale[i]!, decimals(text));
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
  for (const nd of needs) scale[nd.item] = Math.max(scale[nd.item]!, decimals(nd.qty));
  // Dependent demand: a parent's order quantity (its precision; a phantom passes its own
  // scale through) times the line factor; substitutes: the component's scale times the ratio.
  for (let changed = true, rounds = 0; changed; rounds++) {
    changed = false;
    if (rounds > 64)
      throw new AppError('request.invalid', '计划数量的小数位数无法确定（替代料关系有环？）');
    for (let p = 0; p < n; p++) {
      const src = phantom[p] ? scale[p]! : items[p]!.precision;
      for (const v of versions[p]!) {
        for (const l of v.lines) {
          const want = src + l.factorScale;
          if (want > scale[l.child]!) {
            scale[l.child] = want;
            changed = true;
          }
          for (const s of l.subs) {
            const w = scale[l.child]! + s.ratioScale;
            if (w > scale[s.item]!) {
              scale[s.item] = w;
              changed = true;
            }
          }
        }
      }
    }
  }
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

  // ---- demands and supply per item --------------------------------------------------------
  const refs = new Interned('SAFETY');
  const SAFETY = 0;
  const tracks = new Interned('');
  const subsLists: Sub[][] = [];
  const subsIdOf = new Map<Sub[], number>();
  const subsId = (list: Sub[]) => {
    if (list.length === 0) return -1;
    let id = subsIdOf.get(list);
    if (id === undefined) {
      id = subsLists.length;
      subsLists.push(list);
      subsIdOf.set(list, id);
    }
    return id;
  };
  for (const list of versions)
    for (const v of list) for (const l of v.lines) l.subsId = subsId(l.subs);
  const demands: (DemandRows | undefined)[] = new Array(n);
  // While an item is planned, the first write to another item's rows is noted, so that an
  // item that turns out not to fit can be taken back whole (see the planning loop).
  let journal: Map<number, { n: number; poolTotal: number } | undefined> | undefined;
  const rowsOf = (i: number) => {
    if (journal && !journal.has(i)) {
      const rows = demands[i];
      journal.set(i, rows ? { n: rows.n, poolTotal: rows.poolTotal } : undefined);
    }
    return (demands[i] ??= new DemandRows());
  };
  const lotsOf: Lot[][] = Array.from({ length: n }, () => []);
  const stockOf: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const trackOf = (i: number, tracking: string | undefined) =>
    mto[i] && tracking ? tracks.id(tracking) : 0;

  for (const s of input.stock) {
    const i = idx(s.item, 'stock');
    const k = trackOf(i, s.trackingNo);
    const q = scaledOf(i, s.qty);
    const total = q === undefined ? undefined : (stockOf[i]!.get(k) ?? 0) + q;
    if (total === undefined || !Number.isSafeInteger(total)) giveUp(i, `库存 ${s.qty}`);
    else stockOf[i]!.set(k, total);
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
    lotsOf[i]!.push({
      day: Math.max(run, d),
      due: d,
      remaining: q,
      kind: 'receipt',
      ref,
      track: trackOf(i, tracking),
      order: -1,
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
    rowsOf(i).push(Math.max(run, due), open, refs.id(`${so.no}/${so.line}`), -1, track);
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
    rowsOf(i).push(day, open, refs.id(`FC:${f.item}:${f.from}`), -1, 0);
  }
  for (const nd of needs) {
    const q = scaledOf(nd.item, nd.qty);
    if (q === undefined) continue;
    rowsOf(nd.item).push(
      nd.day,
      q,
      refs.id(nd.ref),
      nd.line?.subsId ?? -1,
      mto[nd.item] && nd.tracking ? tracks.id(nd.tracking) : 0,
    );
  }

  // ---- planning, level by level ------------------------------------------------------------
  // Planned orders and their pegging, as columns.
  const pItem: number[] = [];
  const pQty: number[] = [];
  const pDue: number[] = [];
  const pRelease: number[] = [];
  const pLate: boolean[] = [];
  const pTrack: number[] = [];
  const pSubs: (Map<number, number> | null)[] = [];
  // Pegging entries (order, demand reference, quantity), in the order supply was taken.
  let pegOrder = new Int32Array(1 << 16);
  let pegRef = new Int32Array(1 << 16);
  let pegQty = new Float64Array(1 << 16);
  let pegs = 0;
  const peg = (order: number, ref: number, q: number) => {
    const last = pegs - 1;
    if (last >= 0 && pegOrder[last] === order && pegRef[last] === ref) {
      pegQty[last]! += q;
      return;
    }
    if (pegs === pegOrder.length) {
      const size = pegs * 2;
      pegOrder = grown(pegOrder, new Int32Array(size));
      pegRef = grown(pegRef, new Int32Array(size));
      pegQty = grown(pegQty, new Float64Array(size));
    }
    pegOrder[pegs] = order;
    pegRef[pegs] = ref;
    pegQty[pegs] = q;
    pegs++;
  };
  const exceptions: MrpException[] = [];

  const explodeInto = (
    p: number,
    q: number,
    qScale: number,
    day: number,
    ref: number,
    track: number,
  ): boolean => {
    const v = bomAt(p, day);
    if (!v) return false;
    for (const l of v.lines) {
      const c = l.child;
      if (unplannable.has(c)) continue; // it is reported as not planned
      const need = rescale(times(q, l.factor), qScale + l.factorScale, scale[c]!);
      rowsOf(c).push(day, need, ref, l.subsId, mto[c] ? track : 0);
    }
    return true;
  };

  for (const i of order) {
    if (unplannable.has(i)) continue;
    const mark = { orders: pItem.length, pegs, exceptions: exceptions.length };
    journal = new Map();
    try {
      planItem(i);
    } catch (err) {
      if (!isOverflow(err)) throw err;
      // Take the item back: its planned orders, their pegging, its exceptions, and the
      // demand it passed down to components and substitutes.
      for (const col of [pItem, pQty, pDue, pRelease, pLate, pTrack, pSubs])
        col.length = mark.orders;
      pegs = mark.pegs;
      exceptions.length = mark.exceptions;
      for (const [c, before] of journal) {
        const rows = demands[c]!;
        if (!before) {
          demands[c] = undefined;
          continue;
        }
        for (const col of [rows.day, rows.qty, rows.ref, rows.subs, rows.track])
          col.length = before.n;
        rows.n = before.n;
        rows.poolTotal = before.poolTotal;
      }
      giveUp(i, '计划量');
    }
    journal = undefined;
  }
  for (const [i, what] of unplannable) {
    exceptions.push({
      kind: 'notPlanned',
      item: items[i]!.code,
      detail: `数量超出可精确计算的范围（${what}），本次未计划此物料，也未展开其下层需求：请核对该物料的数据`,
    });
  }

  /** Plans one item, every tracking number of it, in the level order. */
  function planItem(i: number): void {
    const it = items[i]!;
    const e = scale[i]!;
    const rows = demands[i];
    const byTrack = new Map<number, number[]>();
    if (rows) {
      for (let k = 0; k < rows.n; k++) {
        const t = rows.track[k]!;
        const list = byTrack.get(t);
        if (list) list.push(k);
        else byTrack.set(t, [k]);
      }
    }
    const trackIds = new Set<number>([0, ...byTrack.keys(), ...stockOf[i]!.keys()]);
    for (const l of lotsOf[i]!) trackIds.add(l.track);
    for (const track of [...trackIds].sort((a, b) =>
      tracks.texts[a]! < tracks.texts[b]! ? -1 : 1,
    )) {
      const list = byTrack.get(track) ?? [];
      const lots: Lot[] = [];
      const onHand = stockOf[i]!.get(track) ?? 0;
      if (onHand > 0)
        lots.push({ day: run, remaining: onHand, kind: 'stock', ref: 'stock', track, order: -1 });
      for (const l of lotsOf[i]!) if (l.track === track) lots.push(l);
      lots.sort((a, b) => a.day - b.day);
      const safety = track === 0 ? toScaled(it.safetyStock, e) : 0;
      if (list.length === 0 && safety === 0 && lots.every((l) => l.kind === 'stock')) continue;
      // Stable by day: demands of one day keep the order they arose in.
      if (rows) list.sort((a, b) => rows.day[a]! - rows.day[b]! || a - b);
      planTrack(i, track, rows, list, safety, lots);
      for (const l of lots) {
        if (l.kind !== 'receipt') continue;
        if (l.firstUsed === undefined) {
          exceptions.push({
            kind: 'cancel',
            item: it.code,
            detail: `${l.ref}：计划期内不需要，建议取消或推迟（${dateOf(l.due!)} 到货 ${fromScaled(l.remaining, e)}）`,
          });
        } else if (l.firstUsed > l.day + RESCHEDULE_OUT_DAYS) {
          exceptions.push({
            kind: 'rescheduleOut',
            item: it.code,
            detail: `${l.ref}：${dateOf(l.day)} → ${dateOf(l.firstUsed)}`,
          });
        }
      }
    }
  }

  /**
   * Nets one item's demand of one tracking number (0: the pool) against its lots, first in,
   * first out, day by day; a day that is short is covered by coverShortage. Safety stock is a
   * standing demand on the run date, served first.
   */
  function planTrack(
    i: number,
    track: number,
    rows: DemandRows | undefined,
    list: number[],
    safety: number,
    lots: Lot[],
  ): void {
    let first = 0; // lots before this are used up
    const receipts = lots.filter((l) => l.kind === 'receipt');
    // Takes what lots available by `day` give towards `qty`; returns how much was taken.
    const take = (day: number, qty: number, ref: number): number => {
      let left = qty;
      for (let k = first; k < lots.length && left > 0; k++) {
        const lot = lots[k]!;
        if (lot.remaining === 0) {
          // The one change since it was frozen: the engine's fix of 2026-12-07 (a later
          // receipt emptied by a pull-in no longer moves the cursor past a planned lot).
          if (k === first && lot.day <= day) first++;
          continue;
        }
        if (lot.day > day) break;
        const used = Math.min(left, lot.remaining);
        lot.remaining -= used;
        left -= used;
        lot.firstUsed ??= day;
        if (lot.order >= 0) peg(lot.order, ref, used);
      }
      return qty - left;
    };
    const shortIdx: number[] = [];
    const shortLeft: number[] = [];
    if (safety > 0) {
      const got = take(run, safety, SAFETY);
      if (got < safety) {
        shortIdx.push(-1);
        shortLeft.push(safety - got);
        if (!(list.length && rows!.day[list[0]!] === run)) {
          coverShortage(i, track, run, rows, shortIdx, shortLeft, lots, receipts, take, list, 0);
          shortIdx.length = 0;
          shortLeft.length = 0;
        }
      }
    }
    for (let start = 0; start < list.length;) {
      const day = rows!.day[list[start]!]!;
      let stop = start;
      while (stop < list.length && rows!.day[list[stop]!] === day) stop++;
      for (let k = start; k < stop; k++) {
        const d = list[k]!;
        const q = rows!.qty[d]!;
        const got = take(day, q, rows!.ref[d]!);
        if (got < q) {
          shortIdx.push(d);
          shortLeft.push(q - got);
        }
      }
      if (shortIdx.length)
        coverShortage(i, track, day, rows, shortIdx, shortLeft, lots, receipts, take, list, stop);
      shortIdx.length = 0;
      shortLeft.length = 0;
      start = stop;
    }
  }

  function coverShortage(
    i: number,
    track: number,
    day: number,
    rows: DemandRows | undefined,
    shortIdx: number[],
    shortLeft: number[],
    lots: Lot[],
    receipts: Lot[],
    take: (day: number, qty: number, ref: number) => number,
    list: number[],
    next: number,
  ): void {
    const it = items[i]!;
    const e = scale[i]!;
    const refOf = (k: number) => (shortIdx[k]! < 0 ? SAFETY : rows!.ref[shortIdx[k]!]!);
    let subsUsed: Map<number, number> | null = null;
    // 1. Free stock of substitutes, in priority order, before anything is planned.
    for (let k = 0; k < shortIdx.length; k++) {
      const d = shortIdx[k]!;
      if (d < 0 || rows!.subs[d]! < 0) continue;
      for (const sub of subsLists[rows!.subs[d]!]!) {
        const left = shortLeft[k]!;
        if (left <= 0 || rank[sub.item]! < rank[i]! || unplannable.has(sub.item)) continue;
        const covered = substitute(i, sub, left, day);
        if (covered > 0) {
          shortLeft[k] = left - covered;
          const used = rescale(times(covered, sub.ratio), e + sub.ratioScale, scale[sub.item]!);
          subsUsed ??= new Map();
          subsUsed.set(sub.item, (subsUsed.get(sub.item) ?? 0) + used);
        }
      }
    }
    // 2. Receipts due later are pulled in before anything new is ordered.
    for (let k = 0; k < shortIdx.length && receipts.length; k++) {
      for (const lot of receipts) {
        if (shortLeft[k]! <= 0) break;
        if (lot.day <= day || lot.remaining === 0) continue;
        const used = Math.min(shortLeft[k]!, lot.remaining);
        lot.remaining -= used;
        shortLeft[k]! -= used;
        lot.firstUsed ??= day;
        exceptions.push({
          kind: 'rescheduleIn',
          item: it.code,
          detail: `${lot.ref}：${dateOf(lot.day)} → ${dateOf(day)}（需要 ${fromScaled(used, e)}）`,
        });
      }
    }
    let need = 0;
    for (const left of shortLeft) need = checked(need + left, 'need');
    if (need <= 0) {
      for (const [sub, q] of subsUsed ?? []) {
        exceptions.push({
          kind: 'substitute',
          item: it.code,
          detail: `${dateOf(day)}：用替代料 ${items[sub]!.code} ${fromScaled(q, scale[sub]!)}`,
        });
      }
      return;
    }
    // 3. A phantom is never ordered: what it lacks explodes into its components, same day,
    // under the reference of the demand it serves.
    if (phantom[i]) {
      for (let k = 0; k < shortIdx.length; k++) {
        const left = shortLeft[k]!;
        if (left <= 0) continue;
        if (!explodeInto(i, left, e, day, refOf(k), track)) {
          exceptions.push({
            kind: 'late',
            item: it.code,
            detail: `${dateOf(day)}：虚拟件没有生效的物料清单，需求 ${fromScaled(left, e)} 无法展开`,
          });
        }
      }
      return;
    }
    // 4. One planned order for the day, lot-sized, rounded up to the unit.
    const unit = pow10(e - it.precision);
    const extra =
      it.lotSizing.rule === 'period'
        ? periodShortfall(day + it.lotSizing.days - 1, lots, rows, list, next)
        : 0;
    const qty = ceilToMultiple(lotSize(it.lotSizing, need + extra, e), unit);
    const wanted = cal.minusWorkingDays(day, it.leadTimeDays);
    const id = pItem.length;
    pItem.push(i);
    pQty.push(qty);
    pDue.push(day);
    pRelease.push(Math.max(run, wanted));
    pLate.push(wanted < run);
    pTrack.push(track);
    pSubs.push(subsUsed);
    if (wanted < run) {
      exceptions.push({
        kind: 'late',
        item: it.code,
        detail: `${dateOf(day)} 需要 ${fromScaled(qty, e)}：提前期 ${it.leadTimeDays} 个工作日，应于 ${dateOf(wanted)} 下达，已晚`,
      });
    }
    const lot: Lot = { day, remaining: qty, kind: 'planned', ref: 'planned', track, order: id };
    let at = lots.length;
    while (at > 0 && lots[at - 1]!.day > day) at--;
    lots.splice(at, 0, lot);
    for (let k = 0; k < shortIdx.length; k++) {
      if (shortLeft[k]! > 0) shortLeft[k]! -= take(day, shortLeft[k]!, refOf(k));
    }
    // Its components are needed when it is released.
    const key = tracks.texts[track]!;
    const ref = refs.add(`PLAN:${it.code}:${dateOf(day)}${key ? `:${key}` : ''}`);
    explodeInto(i, qty / unit, it.precision, pRelease[id]!, ref, track);
  }

  /**
   * Period rule: what the days after this one, up to `last`, will lack given what is on hand
   * and due (lots are not touched), so one order covers the whole period.
   */
  function periodShortfall(
    last: number,
    lots: Lot[],
    rows: DemandRows | undefined,
    list: number[],
    next: number,
  ): number {
    const remaining = lots.map((l) => l.remaining);
    let lacking = 0;
    for (let k = next; k < list.length; k++) {
      const d = list[k]!;
      if (rows!.day[d]! > last) break;
      let left = rows!.qty[d]!;
      for (let j = 0; j < lots.length && left > 0; j++) {
        if (lots[j]!.day > rows!.day[d]!) break;
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
    const known = demands[s]?.poolTotal ?? 0;
    const free = (stockOf[s]!.get(0) ?? 0) - toScaled(items[s]!.safetyStock, es) - known;
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
    rowsOf(s).push(day, used, refs.id(`SUB:${items[i]!.code}`), -1, 0);
    return covered;
  }

  // ---- the result, in the documented shape --------------------------------------------------
  const orders = pItem.length;
  const pegStart = new Int32Array(orders + 1);
  for (let k = 0; k < pegs; k++) pegStart[pegOrder[k]! + 1]!++;
  for (let o = 0; o < orders; o++) pegStart[o + 1]! += pegStart[o]!;
  const pegAt = pegStart.slice(0, orders);
  const pegSorted = new Int32Array(pegs);
  for (let k = 0; k < pegs; k++) pegSorted[pegAt[pegOrder[k]!]!++] = k;
  // Where a demand already stands in the order being built (entries of one demand on one
  // order are added up, in the order demands first took from it).
  const seenIn = new Int32Array(refs.texts.length).fill(-1);
  const seenAt = new Int32Array(refs.texts.length);
  const result: PlannedOrder[] = new Array(orders);
  for (let o = 0; o < orders; o++) {
    const i = pItem[o]!;
    const it = items[i]!;
    const e = scale[i]!;
    const type = SOURCE_TYPE[it.source as keyof typeof SOURCE_TYPE];
    const refsOf: number[] = [];
    const qtys: number[] = [];
    for (let k = pegStart[o]!; k < pegStart[o + 1]!; k++) {
      const entry = pegSorted[k]!;
      const ref = pegRef[entry]!;
      if (seenIn[ref] === o) qtys[seenAt[ref]!]! += pegQty[entry]!;
      else {
        seenIn[ref] = o;
        seenAt[ref] = refsOf.length;
        refsOf.push(ref);
        qtys.push(pegQty[entry]!);
      }
    }
    result[o] = {
      type,
      item: it.code,
      qty: fromScaled(pQty[o]!, e),
      releaseDate: dateOf(pRelease[o]!),
      dueDate: dateOf(pDue[o]!),
      trackingNo: tracks.texts[pTrack[o]!] || null,
      supplier: supplierOf(type, it),
      pegging: refsOf.map((ref, k) => ({ demand: refs.texts[ref]!, qty: fromScaled(qtys[k]!, e) })),
      substitutes: [...(pSubs[o] ?? [])].map(([s, q]) => ({
        item: items[s]!.code,
        qty: fromScaled(q, scale[s]!),
      })),
      late: pLate[o]!,
    };
  }
  result.sort((a, b) =>
    a.item < b.item
      ? -1
      : a.item > b.item
        ? 1
        : a.dueDate < b.dueDate
          ? -1
          : a.dueDate > b.dueDate
            ? 1
            : (a.trackingNo ?? '') < (b.trackingNo ?? '')
              ? -1
              : 1,
  );
  // By item, then in the order they arose (stable sort).
  exceptions.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  return { runDate: input.runDate, plannedOrders: result, exceptions };
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
function lotSize(rule: LotSizing, need: number, scale: number): number {
  switch (rule.rule) {
    case 'lotForLot':
      return need;
    case 'fixed':
      return ceilToMultiple(need, toScaled(rule.qty, scale));
    case 'minMultiple': {
      let q = Math.max(need, rule.min ? toScaled(rule.min, scale) : 0);
      if (rule.multiple) q = ceilToMultiple(q, toScaled(rule.multiple, scale));
      return q;
    }
    case 'period':
      return need;
  }
}

function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
