import type { PlannedOrders, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import type { PlanningResult } from '../../domain/mrp/index.js';
import { mrpRepo } from '../../store/mrpRepo.js';
import { badCursor, readCursorJson } from '../../store/paging.js';
import {
  type Layer,
  layerOfItem,
  layersOf,
  MAX_LAYERS,
  mergeSortedByItem,
  orderPosition,
  type ResultIndex,
  segmentOfPosition,
  segmentsOfItem,
  segmentsOfRange,
} from '../../store/mrpSegments.js';
import type { StoredPlannedOrder } from './run.js';

type Exception = PlanningResult['exceptions'][number];
type Query = { runId?: string; item?: string; type?: string; limit: number; cursor?: string };
/**
 * A page continues at order position `n` (of each layer, for a result in layers); its
 * exceptions start after item `i`.
 */
type Cursor = { r: string; n: number | number[]; i: string };

/** Segments a page may read beyond those its rows need, while a type filter skips rows. */
const EXTRA_SEGMENTS_PER_PAGE = 3;

/**
 * Planned orders of the current run (or a given one), with what was released. For one item:
 * all of its orders and exceptions. Otherwise a page of `limit` orders in item order, with
 * the exceptions of the items the page covers, and a cursor for the next page: the result of
 * a large factory is far bigger than one response may be.
 */
export async function plannedOrders(deps: Deps, s: Session, q: Query): Promise<PlannedOrders> {
  const cursor = decodePageCursor(q.cursor);
  if (cursor && q.runId && cursor.r !== q.runId) throw badCursor();
  const repo = mrpRepo(deps, s.tenant);
  const runId = cursor?.r ?? q.runId ?? (await repo.getCurrent());
  const run = runId ? await repo.getRun(runId) : undefined;
  const index = run ? await repo.getResultIndex(run.runId) : undefined;
  if (!run || !index) {
    if (cursor) throw badCursor();
    return { runId: null, runDate: null, plannedOrders: [], exceptions: [], nextCursor: null };
  }
  const page =
    q.item === undefined
      ? await readPage(deps, s.tenant, run.runId, index, q, cursor)
      : await readItem(deps, s.tenant, run.runId, index, q.item, q.type);
  const released = await repo.releasedOf(page.orders.map((o) => o.id));
  return {
    runId: run.runId,
    runDate: run.runDate,
    plannedOrders: page.orders.map((o) => {
      const r = released.get(o.id);
      return {
        ...o,
        released: r
          ? { document: String(r.document), kind: String(r.kind), at: String(r.at) }
          : null,
      };
    }),
    exceptions: page.exceptions,
    nextCursor: page.next ? Buffer.from(JSON.stringify(page.next)).toString('base64url') : null,
  };
}

type PageRead = { orders: StoredPlannedOrder[]; exceptions: Exception[]; next?: Cursor };

async function readItem(
  deps: Deps,
  tenant: string,
  runId: string,
  index: ResultIndex,
  item: string,
  type: string | undefined,
): Promise<PageRead> {
  const repo = mrpRepo(deps, tenant);
  const layers = layersOf(runId, index);
  const layer = layerOfItem(layers, item);
  const [orders, exceptions] = await Promise.all([
    repo.getSegments<StoredPlannedOrder>(layer.runId, 'orders', segmentsOfItem(layer.orders, item)),
    repo.getSegments<Exception>(layer.runId, 'exceptions', segmentsOfItem(layer.exceptions, item)),
  ]);
  return {
    orders: orders.flat().filter((o) => o.item === item && (type === undefined || o.type === type)),
    exceptions: exceptions.flat().filter((e) => e.item === item),
  };
}

/** A row a page scanned: which layer, at which position, and whether the page may show it. */
type Scanned = { row: StoredPlannedOrder; layer: number; position: number; held: boolean };

/**
 * A page of the result in item order. Each layer is scanned from its position in the cursor
 * (a full run has one), then the scans are merged by item up to where every unfinished scan
 * has reached, and the page takes rows until `limit` of them match. A layer's position moves
 * past each row the page went through, shown or not.
 */
async function readPage(
  deps: Deps,
  tenant: string,
  runId: string,
  index: ResultIndex,
  q: Query,
  cursor: Cursor | undefined,
): Promise<PageRead> {
  const repo = mrpRepo(deps, tenant);
  const layers = layersOf(runId, index);
  const totals = layers.map((l) => l.orders.reduce((sum, m) => sum + m.count, 0));
  const positions = cursor ? [cursor.n].flat() : layers.map(() => 0);
  if (positions.length !== layers.length || positions.some((p, k) => p < 0 || p > totals[k]!))
    throw badCursor();
  const maxSegments =
    Math.ceil(q.limit / (layers[0]!.orders[0]?.count || 1)) + EXTRA_SEGMENTS_PER_PAGE;
  const matches = (o: StoredPlannedOrder) => q.type === undefined || o.type === q.type;

  const scans = await Promise.all(
    layers.map(async (layer, k) => {
      const scanned: Scanned[] = [];
      let shown = 0;
      let position = positions[k]!;
      for (
        let seg = segmentOfPosition(layer.orders, position), read = 0;
        seg >= 0 && seg < layer.orders.length && read < maxSegments && shown < q.limit;
        seg++, read++
      ) {
        const meta = layer.orders[seg]!;
        const [rows] = await repo.getSegments<StoredPlannedOrder>(layer.runId, 'orders', [seg]);
        for (let n = position - meta.first; n < rows!.length && shown < q.limit; n++) {
          const row = rows![n]!;
          const held = layer.holds(row.item);
          if (held && matches(row)) shown++;
          scanned.push({ row, layer: k, position: meta.first + n, held });
          position = meta.first + n + 1;
        }
      }
      return { scanned, finished: position >= totals[k]! };
    }),
  );
  // Past the last item an unfinished scan reached, another layer's rows may still come first.
  const bound = scans
    .filter((s) => !s.finished && s.scanned.length)
    .map((s) => s.scanned[s.scanned.length - 1]!.row.item)
    .reduce<string | undefined>(
      (min, item) => (min === undefined || item < min ? item : min),
      undefined,
    );
  const merged = mergeSortedByItem(
    scans
      .map((s) => s.scanned.filter((e) => bound === undefined || e.row.item <= bound))
      .map((list) => list.map((e) => ({ item: e.row.item, e }))),
  );
  const orders: StoredPlannedOrder[] = [];
  let lastItem: string | undefined;
  for (const { e } of merged) {
    if (orders.length >= q.limit) break;
    if (e.held && matches(e.row)) orders.push(e.row);
    lastItem = e.row.item;
    positions[e.layer] = e.position + 1;
  }
  const more = positions.some((p, k) => p < totals[k]!);
  // The page's exceptions: items after the previous page's last item, up to this page's last.
  const range = { after: cursor?.i, upTo: more ? lastItem : undefined };
  const exceptions = await readExceptions(repo, layers, range);
  return {
    orders,
    exceptions,
    ...(more
      ? {
          next: {
            r: runId,
            n: positions.length === 1 ? positions[0]! : positions,
            i: lastItem ?? cursor?.i ?? '',
          },
        }
      : {}),
  };
}

/** The exceptions of the items in (after, upTo], each from the layer that holds its item. */
async function readExceptions(
  repo: ReturnType<typeof mrpRepo>,
  layers: readonly Layer[],
  range: { after: string | undefined; upTo: string | undefined },
): Promise<Exception[]> {
  const inRange = (e: Exception) =>
    (range.after === undefined || e.item > range.after) &&
    (range.upTo === undefined || e.item <= range.upTo);
  const lists = await Promise.all(
    layers.map(async (layer) => {
      const rows = await repo.getSegments<Exception>(
        layer.runId,
        'exceptions',
        segmentsOfRange(layer.exceptions, range),
      );
      return rows.flat().filter((e) => inRange(e) && layer.holds(e.item));
    }),
  );
  return mergeSortedByItem(lists);
}

/**
 * The stored planned orders with these ids (an id is `<runId>-<position + 1>`, the run being
 * the layer that stored it). An order of a layer whose item a newer layer holds is not part of
 * the plan any more: not found.
 */
export async function plannedOrdersById(
  deps: Deps,
  tenant: string,
  runId: string,
  ids: readonly string[],
): Promise<Map<string, StoredPlannedOrder>> {
  const repo = mrpRepo(deps, tenant);
  const index = await repo.getResultIndex(runId);
  const found = new Map<string, StoredPlannedOrder>();
  if (!index) return found;
  const layers = layersOf(runId, index);
  const segments = layers.map(() => new Set<number>());
  for (const id of ids) {
    const at = orderPosition(layers, id);
    const seg = at ? segmentOfPosition(layers[at.layer]!.orders, at.position) : -1;
    if (at && seg >= 0) segments[at.layer]!.add(seg);
  }
  const wanted = new Set(ids);
  await Promise.all(
    layers.map(async (layer, k) => {
      const rows = await repo.getSegments<StoredPlannedOrder>(layer.runId, 'orders', [
        ...segments[k]!,
      ]);
      for (const o of rows.flat()) if (wanted.has(o.id) && layer.holds(o.item)) found.set(o.id, o);
    }),
  );
  return found;
}

const position = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

function decodePageCursor(raw: string | undefined): Cursor | undefined {
  if (raw === undefined) return undefined;
  const c = readCursorJson(raw) as Partial<Cursor> | null;
  const text = (v: unknown, min: number) =>
    typeof v === 'string' && v.length >= min && v.length <= 128 && /^[A-Za-z0-9._/#:-]*$/.test(v);
  if (
    c &&
    typeof c === 'object' &&
    Object.keys(c).length === 3 &&
    text(c.r, 1) &&
    (position(c.n) ||
      (Array.isArray(c.n) && c.n.length >= 2 && c.n.length <= MAX_LAYERS && c.n.every(position))) &&
    text(c.i, 0)
  ) {
    return c as Cursor;
  }
  throw badCursor();
}
