import {
  itemRanges,
  samePegging,
  type MrpException,
  type NetChange,
  type PlannedOrder,
  type PlanningResult,
} from '../../domain/mrp/index.js';
import type { MrpRepo } from '../../store/mrpRepo.js';
import { maxNetShare, netLayer, type ResultIndex } from '../../store/mrpSegments.js';

type Rows = { plannedOrders: readonly PlannedOrder[]; exceptions: readonly MrpException[] };

/**
 * A net run's layer (the items whose rows it stores, over the layers of the plan it is based
 * on), or undefined when it stores its whole plan: a full run, a net request planned in full,
 * or a layer that would hold more than `maxNetShare()` of the orders.
 *
 * The layer holds the items whose rows differ from the plan below. Only a replanned item, or
 * one with a broken promise now or before (promises are checked over the whole plan), can
 * differ; of those, an item planned again to the same orders and exceptions (often most of a
 * replan set: the parts of a product whose order changed nothing below it) keeps the rows,
 * and the order ids, of the layer below. `changedOrders`: the replanned items whose orders
 * changed (changedOrderItems, found once per run); the others' orders are the plan's below.
 */
export async function netLayerOf(
  repo: Pick<MrpRepo, 'getResultIndex'>,
  basedOn: string,
  change: NetChange,
  result: PlanningResult,
  changedOrders: ReadonlySet<string>,
): Promise<Pick<ResultIndex, 'items' | 'under'> | undefined> {
  const replanned = result.netChange?.replannedItems;
  const previous = replanned && (await repo.getResultIndex(basedOn));
  if (!replanned || !previous) return undefined;
  const candidates = new Set(replanned);
  for (const e of [...change.previous.exceptions, ...result.exceptions])
    if (e.kind === 'promiseBroken') candidates.add(e.item);
  const before = rowsByItem(change.previous);
  const now = rowsByItem(result);
  const items = [...candidates].filter(
    (item) =>
      changedOrders.has(item) || !sameExceptions(before(item).exceptions, now(item).exceptions),
  );
  const layer = netLayer(basedOn, previous, items);
  const stored = rowsOfItems(result, new Set(layer.items)).plannedOrders.length;
  return stored <= result.plannedOrders.length * maxNetShare() ? layer : undefined;
}

/** Of `candidates`, the items whose planned orders differ between the two results. */
export function changedOrderItems(
  previous: Rows,
  result: Rows,
  candidates: Iterable<string>,
): Set<string> {
  const before = rowsByItem(previous);
  const now = rowsByItem(result);
  const changed = new Set<string>();
  for (const item of candidates)
    if (!sameOrders(before(item).plannedOrders, now(item).plannedOrders)) changed.add(item);
  return changed;
}

/** The result's rows of these items only. */
export function rowsOfItems(result: Rows, items: ReadonlySet<string>): Rows {
  return {
    plannedOrders: ordersOfItems(result.plannedOrders, items),
    exceptions: result.exceptions.filter((e) => items.has(e.item)),
  };
}

/** The orders of these items, in the list's order: from its item ranges when it is sorted. */
function ordersOfItems(
  orders: readonly PlannedOrder[],
  items: ReadonlySet<string>,
): readonly PlannedOrder[] {
  const ranges = itemRanges(orders);
  if (!ranges) return orders.filter((o) => items.has(o.item));
  const found = [...items].flatMap((item) => ranges.get(item) ?? []);
  found.sort((a, b) => a.from - b.from);
  return found.flatMap(({ from, to }) => orders.slice(from, to));
}

/** An item's rows of a result sorted by item, found by binary search. */
function rowsByItem(result: Rows): (item: string) => Rows {
  return (item) => ({
    plannedOrders: itemRange(result.plannedOrders, item),
    exceptions: itemRange(result.exceptions, item),
  });
}

function itemRange<T extends { item: string }>(rows: readonly T[], item: string): readonly T[] {
  const first = (strictlyAfter: boolean) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = rows[mid]!.item;
      if (at < item || (strictlyAfter && at === item)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return rows.slice(first(false), first(true));
}

/** Whether an item's planned orders are the same, as stored (an order's id aside). */
export function sameOrders(a: readonly PlannedOrder[], b: readonly PlannedOrder[]): boolean {
  return a.length === b.length && a.every((o, k) => sameOrder(o, b[k]!));
}

/** Whether an item's exceptions are the same. */
export function sameExceptions(a: readonly MrpException[], b: readonly MrpException[]): boolean {
  return (
    a.length === b.length &&
    a.every((e, k) => e.kind === b[k]!.kind && e.item === b[k]!.item && e.detail === b[k]!.detail)
  );
}

function sameOrder(a: PlannedOrder, b: PlannedOrder): boolean {
  if (
    a.type !== b.type ||
    a.item !== b.item ||
    a.qty !== b.qty ||
    a.releaseDate !== b.releaseDate ||
    a.dueDate !== b.dueDate ||
    a.trackingNo !== b.trackingNo ||
    a.supplier !== b.supplier ||
    a.late !== b.late
  )
    return false;
  if (!samePegging(a, b)) return false;
  return JSON.stringify(a.substitutes) === JSON.stringify(b.substitutes);
}
