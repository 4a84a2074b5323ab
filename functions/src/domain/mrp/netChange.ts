import { qty as dec, type Qty } from '@factory/shared';
import { engineStructure, sameCodes, type EngineStructure } from './structure.js';
import type { MrpException, MrpInput, PlannedOrder, PlanningResult } from './types.js';

/**
 * What a net-change run starts from (docs/planning.md, "Net change"): the current plan, the
 * items marked since it was made, and the structure it was made from.
 */
export interface NetChange {
  /** Read only: a caller may keep it (the last plan in memory) for the next run. */
  previous: {
    runDate: PlanningResult['runDate'];
    plannedOrders: readonly PlanningResult['plannedOrders'][number][];
    exceptions: readonly PlanningResult['exceptions'][number][];
    /**
     * What the engine prepared from `previousInput`'s items and BOMs (the previous result's
     * `structure`): taken again when today's are the same. Absent: prepared anew.
     */
    structure?: EngineStructure;
  };
  dirty: ReadonlySet<string> /* item codes */;
  /**
   * The input the previous plan was made from (the run's stored snapshot; only these parts
   * are read). Without it a changed horizon, calendar, item master or BOM cannot be seen, so
   * the run is a full one.
   */
  previousInput?: PlanBasis;
}

export type PlanBasis = Pick<
  MrpInput,
  'runDate' | 'horizonDays' | 'calendar' | 'items' | 'boms' | 'workOrders'
>;

/**
 * How a run given a NetChange was made, for the caller to log. Not part of the plan: it is a
 * non-enumerable property of the result (`netChange`), so JSON and equality see the plan only.
 */
export type NetChangeReport = {
  mode: 'net' | 'full';
  /** Items in the factory. */
  items: number;
  /** Items planned anew (all of them in a full run). */
  replanned: number;
  /** A net run: the codes of the items planned anew (the replan set). */
  replannedItems?: ReadonlySet<string>;
  /** A net run: whether the items and BOMs are those of the previous input, unchanged. */
  sameItemsAndBoms?: boolean;
  /** Why the previous plan could not be reused (full runs only). */
  reason?: string;
};

/** A net-change run found the previous plan inconsistent with today's data part way. */
export class NetChangeMismatch extends Error {}

/** What the engine needs to plan only the replan set. */
export type NetPlan = {
  replan: ReadonlySet<string>;
  /** The previous plan's planned orders, by item code. */
  previousOrders: readonly PlannedOrder[];
  /** Items and BOMs are those of the previous input: its structure holds for this run. */
  sameStructure: boolean;
  /** The previous plan's engine structure, when it holds for this run (then planned on). */
  structure?: EngineStructure;
  /** Where each item outside the replan set has its orders in `previousOrders`. */
  kept: ReadonlyMap<string, OrderRange>;
};

/**
 * The items a net-change run plans: those whose plan a change to `dirty` can alter, closed to
 * a fixpoint (docs/planning.md, "Net change"), under
 * - the components below an item (every BOM version, today's and the previous plan's, and the
 *   stored needs of its task and outsourcing orders): demand passed down is planned again;
 * - its substitutes (what it takes from them is their demand), and the items that use it as a
 *   substitute (its free stock, known demand included, decides what they can take) — only for
 *   a substitute that can serve: pool stock above its safety stock, or its own data changed;
 * - its phantom parents: a phantom passes demand down with no planned order of its own, so it
 *   cannot be replayed from the previous plan and is planned again to pass it. Its own plan
 *   cannot change (nothing it reads did), so what is below it is not pulled in — unless it
 *   draws on or serves as a substitute that can serve, whose known demand a net run does not
 *   keep for items it does not plan; then it counts as changed.
 * Items whose master data or BOM differ from `previousInput` are dirty too.
 */
export function replanSet(
  input: MrpInput,
  dirty: ReadonlySet<string>,
  previousInput?: PlanBasis,
): Set<string> {
  const parents = previousInput ? changedBoms(input, previousInput) : [];
  return closeReplanSet(
    input,
    dirty,
    previousInput ? [...changedItems(input, previousInput), ...parents] : [],
    previousInput && { basis: previousInput, sameBoms: parents.length === 0 },
  );
}

/**
 * replanSet, given the items whose master data or BOM changed since `previous.basis` (found
 * once per run). Its structure is read too (what was below an item before still is replanned).
 * `links`: today's BOM links when already made (the same items and BOMs as an earlier run).
 */
function closeReplanSet(
  input: MrpInput,
  dirty: ReadonlySet<string>,
  changed: readonly string[],
  previous?: { basis: PlanBasis; sameBoms: boolean },
  links: BomLinks = bomLinks(input),
): Set<string> {
  const known = new Set(input.items.map((it) => it.code));
  // A substitute serves only from free stock: pool stock above its safety stock, whatever
  // its demand. One without any can neither give to the components it stands in for nor be
  // drawn on by them, so it links nothing, unless its own data changed (its stock may have).
  const own = new Set([...dirty, ...changed]);
  const pool = poolStock(input);
  const safety = new Map(input.items.map((it) => [it.code, it.safetyStock]));
  const serves = (sub: string) =>
    own.has(sub) || (pool.get(sub)?.gt(safety.get(sub) ?? 0) ?? false);

  // What links items in this run besides the BOM lines: substitutes that can serve (both
  // ways) and the stored needs of task and outsourcing orders. Duplicate links are harmless
  // (a visited item is not visited again) and cheaper than sets.
  const down = new Map<string, string[]>();
  const withSubs = new Set<string>();
  const link = (from: string, to: string) => addLink(down, from, to);
  const addRunLinks = (structure: BomLinks, workOrders: MrpInput['workOrders']) => {
    for (const [component, sub] of structure.subPairs) {
      if (!serves(sub)) continue;
      link(component, sub);
      link(sub, component);
      withSubs.add(component).add(sub);
    }
    for (const wo of workOrders) for (const nd of wo.needs ?? []) link(wo.item, nd.item);
  };
  addRunLinks(links, input.workOrders);
  // The previous structure's BOM links are today's when no BOM changed: its orders' only.
  const before =
    previous && !previous.sameBoms
      ? bomLinks({ items: input.items, boms: previous.basis.boms })
      : undefined;
  if (previous) addRunLinks(before ?? NO_LINKS, previous.basis.workOrders);
  const downs = [links.down, down, ...(before ? [before.down] : [])];
  const ups = [links.phantomUp, ...(before ? [before.phantomUp] : [])];

  // Changed: planned anew with what it passes on; passing: a phantom planned only to pass
  // demand down as before.
  const changedSet = new Set<string>();
  const passing = new Set<string>();
  const stack: string[] = [];
  const passStack: string[] = [];
  const add = (code: string) => {
    if (!known.has(code) || changedSet.has(code)) return;
    changedSet.add(code);
    stack.push(code);
  };
  const pass = (phantom: string) => {
    if (changedSet.has(phantom) || passing.has(phantom)) return;
    if (withSubs.has(phantom)) return add(phantom);
    passing.add(phantom);
    passStack.push(phantom);
  };
  for (const code of own) add(code);
  while (stack.length || passStack.length) {
    while (stack.length) {
      const x = stack.pop()!;
      for (const map of downs) for (const c of map.get(x) ?? []) add(c);
      for (const map of ups) for (const p of map.get(x) ?? []) pass(p);
    }
    while (passStack.length) {
      const x = passStack.pop()!;
      for (const map of ups) for (const p of map.get(x) ?? []) pass(p);
    }
  }
  return new Set([...changedSet, ...passing]);
}

/**
 * The links of a BOM structure that do not depend on the run's stock: each parent's
 * components (every version's lines), each component's phantom parents, and each line's
 * component–substitute pairs. Made per run from the BOMs, or once per engine structure
 * (`linksOf`): a net run on the items and BOMs of the run before takes them again.
 */
type BomLinks = {
  down: ReadonlyMap<string, readonly string[]>;
  phantomUp: ReadonlyMap<string, readonly string[]>;
  subPairs: readonly (readonly [component: string, substitute: string])[];
};

const NO_LINKS: BomLinks = { down: new Map(), phantomUp: new Map(), subPairs: [] };

function bomLinks(data: Pick<MrpInput, 'items' | 'boms'>): BomLinks {
  const phantoms = new Set(data.items.filter((it) => it.source === 'phantom').map((it) => it.code));
  const down = new Map<string, string[]>();
  const phantomUp = new Map<string, string[]>();
  const subPairs: [string, string][] = [];
  for (const [parent, versions] of data.boms) {
    const phantom = phantoms.has(parent);
    for (const v of versions) {
      for (const l of v.lines) {
        addLink(down, parent, l.component);
        if (phantom) addLink(phantomUp, l.component, parent);
        for (const s of l.substitutes) subPairs.push([l.component, s.item]);
      }
    }
  }
  return { down, phantomUp, subPairs };
}

/** A link from one item to another in a list per item (an item is not linked to itself). */
function addLink(map: Map<string, string[]>, from: string, to: string): void {
  if (from === to) return;
  const list = map.get(from);
  if (list) list.push(to);
  else map.set(from, [to]);
}

/** Each engine structure's BOM links, made when a net run first takes it again. */
const structureLinks = new WeakMap<EngineStructure, BomLinks>();

/** The BOM links of `input`, whose items and BOMs are those `structure` was made from. */
function linksOf(structure: EngineStructure, input: Pick<MrpInput, 'items' | 'boms'>): BomLinks {
  let links = structureLinks.get(structure);
  if (!links) structureLinks.set(structure, (links = bomLinks(input)));
  return links;
}

/** Each item's plannable stock in the pool (MTO stock with a tracking number is not). */
function poolStock(input: MrpInput): Map<string, Qty> {
  const mto = new Set(input.items.filter((it) => it.strategy === 'mto').map((it) => it.code));
  const out = new Map<string, Qty>();
  for (const st of input.stock) {
    if (mto.has(st.item) && st.trackingNo) continue;
    out.set(st.item, (out.get(st.item) ?? dec(0)).plus(st.qty));
  }
  return out;
}

/** Items whose master data differ between the two inputs. */
function changedItems(input: PlanBasis, previous: PlanBasis): string[] {
  const changed: string[] = [];
  const before = new Map(previous.items.map((it) => [it.code, it]));
  for (const it of input.items) {
    const was = before.get(it.code);
    if (!was || !sameData(was, it)) changed.push(it.code);
  }
  return changed;
}

/** Parents whose BOM versions differ between the two inputs. */
function changedBoms(input: PlanBasis, previous: PlanBasis): string[] {
  const changed: string[] = [];
  for (const [parent, list] of input.boms) {
    const was = previous.boms.get(parent);
    if (!was || !sameData(was, list)) changed.push(parent);
  }
  for (const parent of previous.boms.keys()) if (!input.boms.has(parent)) changed.push(parent);
  return changed;
}

/**
 * Whether `change.previous` can be reused for `input`, and if so which items to plan and which
 * planned orders to keep. Any doubt is a full run: correctness is the only hard rule.
 */
export function prepareNetChange(
  input: MrpInput,
  change: NetChange,
): { mode: 'full'; reason: string } | ({ mode: 'net' } & NetPlan) {
  const full = (reason: string) => ({ mode: 'full' as const, reason });
  const basis = change.previousInput;
  if (!basis) return full('previousInput missing: the previous plan’s structure is unknown');
  if (change.previous.runDate !== input.runDate || basis.runDate !== input.runDate)
    return full(`run date ${change.previous.runDate} → ${input.runDate}`);
  if (basis.horizonDays !== input.horizonDays)
    return full(`horizon ${basis.horizonDays} → ${input.horizonDays} days`);
  if (calendarKey(basis.calendar) !== calendarKey(input.calendar)) return full('calendar changed');
  const codes = new Set(input.items.map((it) => it.code));
  if (basis.items.length !== codes.size || basis.items.some((it) => !codes.has(it.code)))
    return full('items added or removed');
  // The order depends on the BOMs and, through the substitute edges, on the items' order.
  const sameItems = basis.items.every((it, k) => it.code === input.items[k]!.code);
  const changedParents = changedBoms(input, basis);
  if ((!sameItems || changedParents.length > 0) && !sameLevelOrder(input, basis))
    return full('low-level-code order changed');

  const kept = groupByItem(change.previous);
  if (!kept) return full('previous plan not in planning order');
  for (const code of kept.orders.keys()) if (!codes.has(code)) return full(`unknown item ${code}`);
  for (const code of kept.exceptions) if (!codes.has(code)) return full(`unknown item ${code}`);

  const changedData = changedItems(input, basis);
  const sameStructure = sameItems && changedParents.length === 0 && changedData.length === 0;
  const known = change.previous.structure;
  const structure = sameStructure && known && sameCodes(known, input) ? known : undefined;
  const replan = closeReplanSet(
    input,
    change.dirty,
    [...changedData, ...changedParents],
    { basis, sameBoms: changedParents.length === 0 },
    structure && linksOf(structure, input),
  );
  const keptOrders = new Map<string, OrderRange>();
  for (const [code, range] of kept.orders) if (!replan.has(code)) keptOrders.set(code, range);
  return {
    mode: 'net',
    replan,
    previousOrders: change.previous.plannedOrders,
    kept: keptOrders,
    sameStructure,
    ...(structure ? { structure } : {}),
  };
}

/**
 * Deep equality of plain data (strings, numbers, arrays, objects; an absent key equals an
 * undefined one), without building JSON text for a whole factory's BOMs on every run.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!sameData(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) if (!sameData(x[key], y[key])) return false;
  for (const key in y) if (!(key in x) && y[key] !== undefined) return false;
  return true;
}

function calendarKey(cal: MrpInput['calendar']): string {
  return JSON.stringify([cal.nonWorkingWeekdays, cal.holidays, cal.extraWorkingDays ?? []]);
}

/** The planning order of both structures, as the engine computes it, compared code by code. */
function sameLevelOrder(a: PlanBasis, b: PlanBasis): boolean {
  const orderOf = (basis: PlanBasis) => {
    const codes = basis.items.map((it) => it.code);
    return engineStructure(basis).order.map((i) => codes[i]!);
  };
  const x = orderOf(a);
  const y = orderOf(b);
  return x.length === y.length && x.every((code, k) => code === y[k]);
}

/** An item's orders in a plan's list sorted by item: positions `from` up to `to`. */
export type OrderRange = { from: number; to: number };

/**
 * Where each item's orders are in lists of planned orders sorted by item, kept per list (a
 * list is not changed once made): a merged plan's are noted as mergeNetChange makes it, so the
 * next net run and the promise check need not look through 300,000 orders to find them.
 */
const rangesByList = new WeakMap<readonly PlannedOrder[], ReadonlyMap<string, OrderRange>>();

/** Rows in item code order (the order of a plan's orders and exceptions). */
export const byItem = (a: { item: string }, b: { item: string }): number =>
  a.item < b.item ? -1 : a.item > b.item ? 1 : 0;

/** Where each item's orders are in `list`, in its order; undefined: not sorted by item. */
export function itemRanges(
  list: readonly PlannedOrder[],
): ReadonlyMap<string, OrderRange> | undefined {
  const known = rangesByList.get(list);
  if (known) return known;
  const found = new Map<string, OrderRange>();
  for (let from = 0, to = 0; from < list.length; from = to) {
    const item = list[from]!.item;
    while (to < list.length && list[to]!.item === item) to++;
    if (to < list.length && list[to]!.item < item) return undefined;
    found.set(item, { from, to });
  }
  rangesByList.set(list, found);
  return found;
}

/**
 * Where each item's planned orders are in the previous plan, and the items it has exceptions
 * for, checking that both lists are in the engine's order (by item code). `promiseBroken`
 * exceptions are the run use case's, added after the engine: a run makes them anew, so they
 * are not kept.
 */
function groupByItem(
  previous: NetChange['previous'],
): { orders: ReadonlyMap<string, OrderRange>; exceptions: Set<string> } | undefined {
  const orders = itemRanges(previous.plannedOrders);
  if (!orders) return undefined;
  const exceptions = new Set<string>();
  let last: string | undefined;
  for (const e of enginesExceptions(previous)) {
    if (last !== undefined && e.item < last) return undefined;
    last = e.item;
    exceptions.add(e.item);
  }
  return { orders, exceptions };
}

const enginesExceptions = (result: Pick<NetChange['previous'], 'exceptions'>) =>
  result.exceptions.filter((e) => e.kind !== 'promiseBroken');

/**
 * The net-change result: the previous plan's orders and exceptions of the items kept, the new
 * run's of the items replanned, in the order a regenerative run gives (by item code; an
 * item's own in their order). A kept order is the previous plan's own object when it has the
 * documented shape (a plan this process made, kept in memory: copying them all made their
 * pegging too); one read back from the table carries its id, and is rebuilt without it, its
 * pegging and substitute lists shared.
 */
export function mergeNetChange(
  previous: NetChange['previous'],
  fresh: PlanningResult,
  plan: Pick<NetPlan, 'replan' | 'kept'>,
): PlanningResult {
  const { replan } = plan;
  // The kept items' runs of orders (`kept` is in the previous plan's order, by item), with the
  // replanned items' new ones put in their place.
  const newOrders = fresh.plannedOrders.filter((o) => replan.has(o.item));
  const list = previous.plannedOrders;
  let total = newOrders.length;
  for (const { from, to } of plan.kept.values()) total += to - from;
  // Filled by index: pushing 300,000 orders copied the growing list about three times over.
  const orders: PlannedOrder[] = new Array(total);
  let at = 0;
  // Where each item's orders are in the merged list, for the next run's groupByItem.
  const ranges = new Map<string, OrderRange>();
  let next = 0;
  const takeNew = () => {
    const o = newOrders[next++]!;
    const range = ranges.get(o.item);
    if (range) range.to++;
    else ranges.set(o.item, { from: at, to: at + 1 });
    orders[at++] = o;
  };
  for (const [item, { from, to }] of plan.kept) {
    while (next < newOrders.length && newOrders[next]!.item < item) takeNew();
    ranges.set(item, { from: at, to: at + to - from });
    // An item's orders all come from the same plan: read back (with ids) or made here.
    if ('id' in list[from]!) for (let k = from; k < to; k++) orders[at++] = copyOrder(list[k]!);
    else for (let k = from; k < to; k++) orders[at++] = list[k]!;
  }
  while (next < newOrders.length) takeNew();
  rangesByList.set(orders, ranges);
  const keptExceptions = enginesExceptions(previous)
    .filter((e) => !replan.has(e.item))
    .map((e): MrpException => ({ kind: e.kind, item: e.item, detail: e.detail }));
  const newExceptions = fresh.exceptions.filter((e) => replan.has(e.item));
  return {
    runDate: fresh.runDate,
    plannedOrders: orders,
    exceptions: mergeByItem(keptExceptions, newExceptions),
  };
}

/** Two lists sorted by item code, with no item in both, into one sorted list. */
function mergeByItem<T extends { item: string }>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.item < b[j]!.item ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function copyOrder(o: PlannedOrder): PlannedOrder {
  return {
    type: o.type,
    item: o.item,
    qty: o.qty,
    releaseDate: o.releaseDate,
    dueDate: o.dueDate,
    trackingNo: o.trackingNo,
    supplier: o.supplier,
    // Shared with the previous plan, not copied: a large plan's pegging is most of it.
    pegging: o.pegging,
    substitutes: o.substitutes,
    late: o.late,
  };
}

/** The result with how it was made attached, out of sight of JSON and equality. */
export function reported(result: PlanningResult, report: NetChangeReport): PlanningResult {
  Object.defineProperty(result, 'netChange', { value: report, enumerable: false });
  return result;
}
