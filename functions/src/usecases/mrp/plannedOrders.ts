import type { PlannedOrders, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import type { PlanningResult } from '../../domain/mrp/index.js';
import { mrpRepo } from '../../store/mrpRepo.js';
import { badCursor, readCursorJson } from '../../store/paging.js';
import {
  type ResultIndex,
  segmentOfPosition,
  segmentsOfItem,
  segmentsOfRange,
} from '../../store/mrpSegments.js';
import type { StoredPlannedOrder } from './run.js';

type Exception = PlanningResult['exceptions'][number];
type Query = { runId?: string; item?: string; type?: string; limit: number; cursor?: string };
/** A page continues at order position `n`; its exceptions start after item `i`. */
type Cursor = { r: string; n: number; i: string };

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
  const [orders, exceptions] = await Promise.all([
    repo.getSegments<StoredPlannedOrder>(runId, 'orders', segmentsOfItem(index.orders, item)),
    repo.getSegments<Exception>(runId, 'exceptions', segmentsOfItem(index.exceptions, item)),
  ]);
  return {
    orders: orders.flat().filter((o) => o.item === item && (type === undefined || o.type === type)),
    exceptions: exceptions.flat().filter((e) => e.item === item),
  };
}

async function readPage(
  deps: Deps,
  tenant: string,
  runId: string,
  index: ResultIndex,
  q: Query,
  cursor: Cursor | undefined,
): Promise<PageRead> {
  const repo = mrpRepo(deps, tenant);
  const total = index.orders.reduce((sum, m) => sum + m.count, 0);
  let position = cursor?.n ?? 0;
  if (position < 0 || position > total) throw badCursor();
  const orders: StoredPlannedOrder[] = [];
  let lastItem: string | undefined;
  const maxSegments = Math.ceil(q.limit / (index.orders[0]?.count || 1)) + EXTRA_SEGMENTS_PER_PAGE;
  for (
    let seg = segmentOfPosition(index.orders, position), read = 0;
    seg >= 0 && seg < index.orders.length && read < maxSegments && orders.length < q.limit;
    seg++, read++
  ) {
    const meta = index.orders[seg]!;
    const [rows] = await repo.getSegments<StoredPlannedOrder>(runId, 'orders', [seg]);
    for (let k = position - meta.first; k < rows!.length && orders.length < q.limit; k++) {
      const o = rows![k]!;
      if (q.type === undefined || o.type === q.type) orders.push(o);
      lastItem = o.item;
      position = meta.first + k + 1;
    }
  }
  const more = position < total;
  // The page's exceptions: items after the previous page's last item, up to this page's last.
  const range = { after: cursor?.i, upTo: more ? lastItem : undefined };
  const exceptionRows = await repo.getSegments<Exception>(
    runId,
    'exceptions',
    segmentsOfRange(index.exceptions, range),
  );
  const exceptions = exceptionRows
    .flat()
    .filter(
      (e) =>
        (range.after === undefined || e.item > range.after) &&
        (range.upTo === undefined || e.item <= range.upTo),
    );
  return {
    orders,
    exceptions,
    ...(more ? { next: { r: runId, n: position, i: lastItem ?? cursor?.i ?? '' } } : {}),
  };
}

/** The stored planned orders with these ids (an id is `<runId>-<position + 1>`). */
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
  const segments = new Set<number>();
  for (const id of ids) {
    const position = positionOf(runId, id);
    const seg = position === undefined ? -1 : segmentOfPosition(index.orders, position);
    if (seg >= 0) segments.add(seg);
  }
  const wanted = new Set(ids);
  const rows = await repo.getSegments<StoredPlannedOrder>(runId, 'orders', [...segments]);
  for (const o of rows.flat()) if (wanted.has(o.id)) found.set(o.id, o);
  return found;
}

function positionOf(runId: string, id: string): number | undefined {
  if (!id.startsWith(`${runId}-`)) return undefined;
  const n = Number(id.slice(runId.length + 1));
  return Number.isInteger(n) && n >= 1 ? n - 1 : undefined;
}

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
    Number.isSafeInteger(c.n) &&
    c.n! >= 0 &&
    text(c.i, 0)
  ) {
    return c as Cursor;
  }
  throw badCursor();
}
