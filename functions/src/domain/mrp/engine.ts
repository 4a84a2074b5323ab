import { AppError, type LotSizing, qty as dec, toQtyString } from '@factory/shared';
import { findCycles } from '../factoryFile/cycles.js';
import { lowLevelCodes } from '../bom/graph.js';
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
  toScaled,
} from './scaled.js';
import { unissuedNeeds } from './needs.js';
import type { MrpException, MrpInput, PlannedOrder, PlanningResult } from './types.js';

type Sub = { item: number; priority: number; ratio: number; ratioScale: number; ratioText: string };
type Line = { child: number; factor: number; factorScale: number; subs: Sub[] };
type Version = { from: number; to: number; lines: Line[] };

type Demand = {
  day: number;
  qty: number;
  ref: string;
  tracking: string;
  subs: Sub[] | null;
  safety?: boolean;
};
type Lot = {
  day: number;
  remaining: number;
  kind: 'stock' | 'receipt' | 'planned';
  ref: string;
  due?: number;
  firstUsed?: number;
  order?: Planned;
};
type Planned = {
  item: number;
  qty: number;
  due: number;
  release: number;
  late: boolean;
  tracking: string;
  pegging: Map<string, number>;
  substitutes: Map<number, number>;
};

const SOURCE_TYPE = {
  purchased: 'purchase',
  manufactured: 'production',
  outsourced: 'outsourcing',
} as const;
/** A receipt first needed more than this many days after it arrives is worth moving out. */
const RESCHEDULE_OUT_DAYS = 3;

/**
 * Regenerative MRP in daily buckets, items in low-level-code order (DOMAIN.md, "Planning").
 * Pure: plain data in, the planning result out. Quantities are exact (scaled integers).
 */
export function planMrp(input: MrpInput): PlanningResult {
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

  // ---- BOM versions, with each line's factor qtyPer x (1 + loss) exact --------------------
  const versions: Version[][] = Array.from({ length: n }, () => []);
  const edges = new Map<string, string[]>();
  for (const [parent, list] of input.boms) {
    const p = idx(parent, 'BOM');
    for (const v of list) {
      const lines = v.lines.map((l): Line => {
        const factorText = toQtyString(dec(l.qtyPer).times(dec(1).plus(l.lossRate)));
        const scale = decimals(factorText);
        return {
          child: idx(l.component, `BOM ${parent}`),
          factor: toScaled(factorText, scale),
          factorScale: scale,
          subs: [...l.substitutes]
            .sort((a, b) => a.priority - b.priority)
            .map((s) => ({
              item: idx(s.item, `BOM ${parent}`),
              priority: s.priority,
              ratio: toScaled(s.ratio, decimals(s.ratio)),
              ratioScale: decimals(s.ratio),
              ratioText: s.ratio,
            })),
        };
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
  if (cycle)
    throw new AppError('bom.cycle', `物料清单存在循环：${cycle.join(' > ')}`, { path: cycle });
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
  type Need = { item: number; day: number; qty: string; ref: string; tracking: string };
  const needs: Need[] = [];
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
  for (const so of input.salesOrders) widen(so.item, so.qty);
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
  for (const s of scale) pow10(s); // fails loudly past 15 decimals

  // ---- demands and supply per item --------------------------------------------------------
  const demands: Demand[][] = Array.from({ length: n }, () => []);
  const lotsOf: Lot[][] = Array.from({ length: n }, () => []);
  const stockOf: Map<string, number>[] = Array.from({ length: n }, () => new Map());
  const keyFor = (i: number, tracking: string | undefined) => (mto[i] ? (tracking ?? '') : '');

  for (const s of input.stock) {
    const i = idx(s.item, 'stock');
    const k = keyFor(i, s.trackingNo);
    stockOf[i]!.set(k, checked((stockOf[i]!.get(k) ?? 0) + toScaled(s.qty, scale[i]!), 'stock'));
  }
  const receipt = (
    item: string,
    qtyText: string,
    due: string,
    ref: string,
    tracking: string | undefined,
  ) => {
    const i = idx(item, ref);
    const q = toScaled(qtyText, scale[i]!);
    if (q <= 0) return;
    const d = dayNumber(due);
    if (d > end) return;
    lotsOf[i]!.push({
      day: Math.max(run, d),
      due: d,
      remaining: q,
      kind: 'receipt',
      ref: `${ref}|${keyFor(i, tracking)}`,
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
    const q = toScaled(so.qty, scale[i]!);
    const period = soInPeriod.get(i);
    if (period) period.push({ day: due, qty: q });
    else soInPeriod.set(i, [{ day: due, qty: q }]);
    if (due > end) continue;
    const tracking = mto[i] ? (so.trackingNo ?? so.no) : '';
    demands[i]!.push({
      day: Math.max(run, due),
      qty: q,
      ref: `${so.no}/${so.line}`,
      tracking,
      subs: null,
    });
  }
  for (const f of input.forecasts) {
    const i = idx(f.item, 'forecast');
    const from = dayNumber(f.from);
    const to = dayNumber(f.to);
    const consumed = (soInPeriod.get(i) ?? [])
      .filter((s) => s.day >= from && s.day <= to)
      .reduce((a, s) => a + s.qty, 0);
    const open = toScaled(f.qty, scale[i]!) - consumed;
    if (open <= 0) continue;
    const day = cal.firstWorkingOnOrAfter(Math.max(from, run));
    if (day > to || day > end) continue;
    demands[i]!.push({ day, qty: open, ref: `FC:${f.item}:${f.from}`, tracking: '', subs: null });
  }
  for (const nd of needs) {
    demands[nd.item]!.push({
      day: nd.day,
      qty: toScaled(nd.qty, scale[nd.item]!),
      ref: nd.ref,
      tracking: nd.tracking,
      subs: null,
    });
  }

  // ---- planning, level by level ------------------------------------------------------------
  const planned: Planned[] = [];
  const exceptions: MrpException[] = [];
  const substituteTaken = new Map<number, number>();

  const explodeInto = (
    p: number,
    q: number,
    qScale: number,
    day: number,
    ref: string,
    key: string,
  ) => {
    const v = bomAt(p, day);
    if (!v) return false;
    for (const l of v.lines) {
      const c = l.child;
      const need = rescale(times(q, l.factor), qScale + l.factorScale, scale[c]!);
      demands[c]!.push({
        day,
        qty: need,
        ref,
        tracking: mto[c] ? key : '',
        subs: l.subs.length ? l.subs : null,
      });
    }
    return true;
  };

  for (const i of order) {
    const it = items[i]!;
    const e = scale[i]!;
    const byKey = new Map<string, Demand[]>();
    for (const d of demands[i]!) {
      const k = keyFor(i, d.tracking);
      const list = byKey.get(k);
      if (list) list.push(d);
      else byKey.set(k, [d]);
    }
    const lotKeys = new Set(lotsOf[i]!.map((l) => l.ref.slice(l.ref.lastIndexOf('|') + 1)));
    const keys = [...new Set(['', ...byKey.keys(), ...lotKeys, ...stockOf[i]!.keys()])].sort();
    for (const key of keys) {
      const safety = key === '' ? toScaled(it.safetyStock, e) : 0;
      const list = [...(byKey.get(key) ?? [])];
      if (safety > 0)
        list.push({
          day: run,
          qty: safety,
          ref: 'SAFETY',
          tracking: key,
          subs: null,
          safety: true,
        });
      list.sort((a, b) => a.day - b.day || Number(Boolean(b.safety)) - Number(Boolean(a.safety)));
      const lots: Lot[] = [];
      const onHand = stockOf[i]!.get(key) ?? 0;
      if (onHand > 0) lots.push({ day: run, remaining: onHand, kind: 'stock', ref: 'stock' });
      for (const l of lotsOf[i]!)
        if (l.ref.endsWith(`|${key}`))
          lots.push({ ...l, ref: l.ref.slice(0, l.ref.lastIndexOf('|')) });
      lots.sort((a, b) => a.day - b.day);
      if (list.length === 0 && lots.every((l) => l.kind === 'stock')) continue;
      planKey(i, key, list, lots);
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

  function planKey(i: number, key: string, list: Demand[], lots: Lot[]): void {
    const it = items[i]!;
    const e = scale[i]!;
    const unit = pow10(e - it.precision);
    let first = 0; // lots before this are used up
    const take = (dem: Demand, upTo: number, onlyDay: boolean): number => {
      let left = dem.qty - upTo;
      for (let k = first; k < lots.length && left > 0; k++) {
        const lot = lots[k]!;
        if (lot.remaining === 0) {
          if (k === first) first++;
          continue;
        }
        if (onlyDay && lot.day > dem.day) break;
        const used = Math.min(left, lot.remaining);
        lot.remaining -= used;
        left -= used;
        lot.firstUsed ??= dem.day;
        if (lot.order) lot.order.pegging.set(dem.ref, (lot.order.pegging.get(dem.ref) ?? 0) + used);
      }
      return dem.qty - left;
    };

    for (let start = 0; start < list.length;) {
      const day = list[start]!.day;
      let stop = start;
      while (stop < list.length && list[stop]!.day === day) stop++;
      const short: { dem: Demand; covered: number }[] = [];
      for (let k = start; k < stop; k++) {
        const dem = list[k]!;
        const covered = take(dem, 0, true);
        if (covered < dem.qty) short.push({ dem, covered });
      }
      if (short.length) coverShortage(i, key, day, short, lots, unit, take, list, stop);
      start = stop;
    }
  }

  function coverShortage(
    i: number,
    key: string,
    day: number,
    short: { dem: Demand; covered: number }[],
    lots: Lot[],
    unit: number,
    take: (dem: Demand, upTo: number, onlyDay: boolean) => number,
    list: Demand[],
    next: number,
  ): void {
    const it = items[i]!;
    const e = scale[i]!;
    const subsUsed = new Map<number, number>();
    // 1. Free stock of substitutes, in priority order, before anything is planned.
    for (const s of short) {
      for (const sub of s.dem.subs ?? []) {
        const left = s.dem.qty - s.covered;
        if (left <= 0 || rank[sub.item]! < rank[i]!) continue;
        const covered = substitute(i, sub, left, day);
        if (covered > 0) {
          s.covered += covered;
          const used = rescale(times(covered, sub.ratio), e + sub.ratioScale, scale[sub.item]!);
          subsUsed.set(sub.item, (subsUsed.get(sub.item) ?? 0) + used);
        }
      }
    }
    // 2. Receipts due later are pulled in before anything new is ordered.
    for (const s of short) {
      for (const lot of lots) {
        if (s.covered >= s.dem.qty) break;
        if (lot.kind !== 'receipt' || lot.day <= day || lot.remaining === 0) continue;
        const used = Math.min(s.dem.qty - s.covered, lot.remaining);
        lot.remaining -= used;
        s.covered += used;
        lot.firstUsed ??= day;
        exceptions.push({
          kind: 'rescheduleIn',
          item: it.code,
          detail: `${lot.ref}：${dateOf(lot.day)} → ${dateOf(day)}（需要 ${fromScaled(used, e)}）`,
        });
      }
    }
    const remaining = short.filter((s) => s.covered < s.dem.qty);
    const need = remaining.reduce((a, s) => a + (s.dem.qty - s.covered), 0);
    if (need <= 0) {
      for (const [sub, q] of subsUsed) {
        exceptions.push({
          kind: 'substitute',
          item: it.code,
          detail: `${dateOf(day)}：用替代料 ${items[sub]!.code} ${fromScaled(q, scale[sub]!)}`,
        });
      }
      return;
    }
    // 3. A phantom is never ordered: what it lacks explodes into its components, same day.
    if (phantom[i]) {
      for (const s of remaining) {
        if (!explodeInto(i, s.dem.qty - s.covered, e, day, s.dem.ref, key)) {
          exceptions.push({
            kind: 'late',
            item: it.code,
            detail: `${dateOf(day)}：虚拟件没有生效的物料清单，需求 ${fromScaled(s.dem.qty - s.covered, e)} 无法展开`,
          });
        }
      }
      return;
    }
    // 4. One planned order for the day, lot-sized, rounded up to the unit.
    const extra =
      it.lotSizing.rule === 'period'
        ? periodShortfall(day + it.lotSizing.days - 1, lots, list, next)
        : 0;
    let qty = lotSize(it.lotSizing, need + extra, e);
    qty = ceilToMultiple(qty, unit);
    const wanted = cal.minusWorkingDays(day, it.leadTimeDays);
    const order: Planned = {
      item: i,
      qty,
      due: day,
      release: Math.max(run, wanted),
      late: wanted < run,
      tracking: key,
      pegging: new Map(),
      substitutes: subsUsed,
    };
    planned.push(order);
    if (order.late) {
      exceptions.push({
        kind: 'late',
        item: it.code,
        detail: `${dateOf(day)} 需要 ${fromScaled(qty, e)}：提前期 ${it.leadTimeDays} 个工作日，应于 ${dateOf(wanted)} 下达，已晚`,
      });
    }
    const lot: Lot = { day, remaining: qty, kind: 'planned', ref: 'planned', order };
    let at = lots.findIndex((l) => l.day > day);
    if (at < 0) at = lots.length;
    lots.splice(at, 0, lot);
    for (const s of remaining) s.covered = take(s.dem, s.covered, true);
    // Its components are needed when it is released.
    const q = order.qty / unit;
    explodeInto(
      i,
      q,
      it.precision,
      order.release,
      `PLAN:${it.code}:${dateOf(day)}${key ? `:${key}` : ''}`,
      key,
    );
  }

  /**
   * Period rule: what the days after this one, up to `last`, will lack given what is on hand
   * and due (lots are not touched), so one order covers the whole period.
   */
  function periodShortfall(last: number, lots: Lot[], list: Demand[], next: number): number {
    const remaining = lots.map((l) => l.remaining);
    let lacking = 0;
    for (let k = next; k < list.length; k++) {
      const dem = list[k]!;
      if (dem.day > last) break;
      let left = dem.qty;
      for (let k = 0; k < lots.length && left > 0; k++) {
        if (lots[k]!.day > dem.day) break;
        const used = Math.min(left, remaining[k]!);
        remaining[k]! -= used;
        left -= used;
      }
      lacking += left;
    }
    return lacking;
  }

  function substitute(i: number, sub: Sub, left: number, day: number): number {
    const s = sub.item;
    const es = scale[s]!;
    const e = scale[i]!;
    const known = demands[s]!.filter((d) => d.tracking === '').reduce((a, d) => a + d.qty, 0);
    const free =
      (stockOf[s]!.get('') ?? 0) -
      toScaled(items[s]!.safetyStock, es) -
      known -
      (substituteTaken.get(s) ?? 0);
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
    substituteTaken.set(s, (substituteTaken.get(s) ?? 0) + used);
    demands[s]!.push({ day, qty: used, ref: `SUB:${items[i]!.code}`, tracking: '', subs: null });
    return covered;
  }

  // ---- the result, in the documented shape --------------------------------------------------
  const result: PlannedOrder[] = planned.map((p) => {
    const it = items[p.item]!;
    const e = scale[p.item]!;
    const type = SOURCE_TYPE[it.source as keyof typeof SOURCE_TYPE];
    return {
      type,
      item: it.code,
      qty: fromScaled(p.qty, e),
      releaseDate: dateOf(p.release),
      dueDate: dateOf(p.due),
      trackingNo: p.tracking || null,
      supplier: type === 'production' ? null : (it.defaultSupplier ?? null),
      pegging: [...p.pegging].map(([demand, q]) => ({ demand, qty: fromScaled(q, e) })),
      substitutes: [...p.substitutes].map(([s, q]) => ({
        item: items[s]!.code,
        qty: fromScaled(q, scale[s]!),
      })),
      late: p.late,
    };
  });
  result.sort((a, b) =>
    a.item < b.item
      ? -1
      : a.item > b.item
        ? 1
        : a.dueDate < b.dueDate
          ? -1
          : a.dueDate > b.dueDate
            ? 1
            : (a.trackingNo ?? '').localeCompare(b.trackingNo ?? ''),
  );
  // By item, then in the order they arose (stable sort).
  exceptions.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  return { runDate: input.runDate, plannedOrders: result, exceptions };
}

/**
 * Lot sizing of one day's net requirement (DOMAIN.md); for the period rule `need` already
 * holds the whole period's. Rounding up to the unit comes after.
 */
export function lotSize(rule: LotSizing, need: number, scale: number): number {
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

export type { WorkCalendar };
