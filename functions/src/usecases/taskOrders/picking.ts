import {
  AppError,
  type Item,
  type IssueRequest,
  type MergedPickRequest,
  type PickList,
  type PickResult,
  type ReceiptRequest,
  type Session,
  type StockDocument,
  type TaskIssueRequest,
  type TaskReturnRequest,
  invalidRequest,
  notFound,
  cmpQty,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  balanceChanges,
  balanceId,
  planIssue,
  planReceipt,
  stockOwner,
  type References,
} from '../../domain/inventory/index.js';
import {
  type Allocation,
  type PickPlan,
  applyAllocations,
  assertPickable,
  addIssued,
  kitLimits,
  pickable,
  planKitIssue,
  planMerged,
  takeMerged,
  byPriority,
  planReturn,
  postedLines,
  walkingOrder,
  planStandardIssue,
  sourceOf,
  substituteOptions,
  type StockSource,
  type SubstituteContext,
} from '../../domain/issue/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { type DocumentHeader, stockRepo } from '../../store/stockRepo.js';
import { taskOrderRepo } from '../../store/taskOrderRepo.js';
import { MAX_TRANSACTION_ITEMS, type TxItem } from '../../store/transact.js';
import type { CommitHooks } from '../hooks.js';
import { commitPosting, resumePosting } from '../posting.js';
import { loadReferences } from '../references.js';
import { shanghaiDate } from '../time.js';
import { itemFactsOf, needsAt } from './needs.js';
import { type PickableOrder, orderWithNeeds } from './orders.js';

/** Attempts when another clerk changed the same task order in between (its version moved). */
const ATTEMPTS = 4;

async function loadOrders(deps: Deps, s: Session, nos: string[]): Promise<PickableOrder[]> {
  const found = await taskOrderRepo(deps, s.tenant).getMany(nos);
  const out: PickableOrder[] = [];
  for (const no of nos) {
    const stored = found.get(no);
    if (!stored) throw notFound('taskOrder', no);
    out.push(await orderWithNeeds(deps, s.tenant, stored));
  }
  return out;
}

async function loadOrder(deps: Deps, s: Session, no: string): Promise<PickableOrder> {
  return (await loadOrders(deps, s, [no]))[0]!;
}

async function pickableOrder(
  deps: Deps,
  s: Session,
  no: string,
  kind: 'issue' | 'return' = 'issue',
): Promise<PickableOrder> {
  return (await loadPickable(deps, s, [no], kind))[0]!;
}

/** Orders to pick for: each released or in progress (a return: or completed). */
async function loadPickable(
  deps: Deps,
  s: Session,
  nos: string[],
  kind: 'issue' | 'return' = 'issue',
): Promise<PickableOrder[]> {
  const orders = await loadOrders(deps, s, nos);
  for (const o of orders) assertPickable(o.no, o.status, kind);
  return orders;
}

/**
 * Stock of item × warehouse × source pairs (no lot): the status a need draws from (available,
 * or rejected for a rework order's product) and its tracking number ('' the untracked pool).
 * Customer-supplied stock is its customer's balance (the item's customer): the items' and
 * warehouses' facts say whose, read here unless the caller has them.
 */
async function availability(
  deps: Deps,
  tenant: string,
  pairs: ({ item: string; warehouse: string } & Partial<StockSource>)[],
  known?: References,
): Promise<(item: string, warehouse: string, source?: StockSource) => string> {
  const placed = pairs.filter((p) => p.warehouse !== '');
  const facts =
    known ??
    (await loadReferences(
      deps,
      tenant,
      placed.map((p) => p.item),
      placed.map((p) => p.warehouse),
    ));
  const refOf = (item: string, warehouse: string, source?: Partial<StockSource>) => {
    const customer = stockOwner(facts.items.get(item), facts.warehouses.get(warehouse));
    return {
      item,
      warehouse,
      status: source?.status ?? ('available' as const),
      lot: '',
      trackingNo: source?.trackingNo ?? '',
      ...(customer ? { customer } : {}),
    };
  };
  const refs = placed.map((p) => refOf(p.item, p.warehouse, p));
  const found = await stockRepo(deps, tenant).getBalances(refs);
  return (item, warehouse, source) => {
    const q = found.get(balanceId(refOf(item, warehouse, source)));
    return q === undefined || cmpQty(q, '0') < 0 ? '0' : q;
  };
}

type PlanCode =
  | 'issue.overIssue'
  | 'issue.overReturn'
  | 'issue.substituteNotAllowed'
  | 'issue.substituteNotShort';
const PLAN_CODES: ReadonlySet<string> = new Set<PlanCode>([
  'issue.overIssue',
  'issue.overReturn',
  'issue.substituteNotAllowed',
  'issue.substituteNotShort',
]);

function unwrap(plan: PickPlan): Allocation[] {
  if (!plan.ok) {
    const over = plan.issues.find((i) => i.code !== undefined && PLAN_CODES.has(i.code));
    if (over) {
      throw new AppError(over.code as PlanCode, over.message, undefined, plan.issues);
    }
    throw invalidRequest(plan.issues);
  }
  return plan.value;
}

/**
 * Posts allocations to task orders through the stock ledger: one stock document (an issue,
 * or for returns a receipt with reason 'return'), its balances guarded against going
 * negative, and every touched order's needs, issued totals and state updated in the same
 * transaction, guarded by the order's version. A version that moved in between (another
 * clerk, the same order) makes the whole attempt start again from fresh reads; a shortage
 * is final (409 stock.insufficient).
 */
async function post(
  deps: Deps,
  s: Session,
  kind: 'issue' | 'return',
  header: { date: string; note?: string; reason?: string },
  plan: () => Promise<{ orders: PickableOrder[]; allocations: Allocation[] }>,
  hooks: CommitHooks<PickResult> = {},
  extra: (doc: StockDocument) => TxItem[] = () => [],
): Promise<PickResult> {
  if (hooks.resume) return resumePick(deps, s, kind, hooks.resume, hooks, extra);
  for (let attempt = 1; ; attempt++) {
    const { orders, allocations } = await plan();
    if (!allocations.length) {
      throw invalidRequest([{ path: ['body'], message: '没有需要过账的数量' }]);
    }
    for (const o of orders) assertPickable(o.no, o.status, kind);
    // A substitute's share rounded to nothing still covers its need, but posts no stock.
    const posted = allocations.filter((a) => cmpQty(a.qty, '0') !== 0);
    if (!posted.length) {
      throw invalidRequest([{ path: ['body'], message: '没有需要过账的数量' }]);
    }
    const lines = posted.map((a) => ({
      item: a.item,
      warehouse: a.warehouse,
      qty: a.qty.startsWith('-') ? a.qty.slice(1) : a.qty,
      status: a.status,
      ...(a.trackingNo ? { trackingNo: a.trackingNo } : {}),
    }));
    const refs = await loadReferences(
      deps,
      s.tenant,
      lines.map((l) => l.item),
      lines.map((l) => l.warehouse),
    );
    const ref = orders.map((o) => o.no).join(',');
    const planned =
      kind === 'issue'
        ? planIssue({ date: header.date, reason: 'production', lines } satisfies IssueRequest, refs)
        : planReceipt(
            {
              date: header.date,
              reason: 'return',
              // Back to the balance it was issued from (status, tracking number).
              lines,
            } satisfies ReceiptRequest,
            refs,
          );
    if (!planned.ok) {
      throw invalidRequest(planned.issues.map((i) => ({ ...i, path: ['body', ...i.path] })));
    }
    // One move per allocation, in order: each names the task order it was posted for, and a
    // substitute the component it was issued (or returned) in place of.
    const moves = planned.value.map((m, i) => {
      const a = posted[i]!;
      return {
        ...m,
        taskOrder: a.order,
        ...(a.substitute ? { substituteFor: a.substitute.for } : {}),
      };
    });
    const { after, updates } = orderUpdates(deps, s, kind, orders, allocations);
    const now = deps.clock.now();
    const docKind = kind === 'issue' ? 'issue' : 'receipt';
    const docHeader: DocumentHeader = {
      no: await nextDocumentNumber(
        deps,
        s.tenant,
        kind === 'issue' ? 'IS' : 'RC',
        shanghaiDate(now),
      ),
      kind: docKind,
      date: header.date,
      reason: kind === 'issue' ? (header.reason ?? 'production') : 'return',
      ref,
      ...(header.note ? { note: header.note } : {}),
      postedAt: now.toISOString(),
      postedBy: s.user,
    };
    const result: PickResult = {
      documents: [docHeader.no],
      orders: [...after.values()],
      posted: postedLines(posted),
    };
    const changes = balanceChanges(moves, refs);
    // The order updates land with the stock moves: one transaction (the document, each
    // balance and its moves, the order updates, extras and the idempotency record) when it
    // fits, else a chunked posting whose last chunk carries the order updates; its
    // allocations stay on the posting record so that it can be finished from fresh orders.
    // The completing write: the order updates, the extras and the idempotency record.
    const extras = extra({ ...docHeader, status: 'posted', moves: [] }).length;
    const completionItems = updates.length + extras + 1;
    const single = 1 + changes.length + moves.length + completionItems <= MAX_TRANSACTION_ITEMS;
    try {
      await commitPosting(
        deps,
        s.tenant,
        docHeader,
        moves,
        changes,
        {
          ...(hooks.onStart ? { onStart: hooks.onStart } : {}),
          onComplete: (doc) => [...updates, ...extra(doc), ...(hooks.onComplete?.(result) ?? [])],
        },
        single ? {} : { completionItems, context: { allocations } satisfies PickContext },
      );
      return result;
    } catch (err) {
      if (!isOrderConflict(err)) throw err;
      // A chunked posting whose last chunk lost the race to another pick of the same order:
      // its stock moves stand, so it is finished with the orders read again.
      const record = single
        ? undefined
        : await stockRepo(deps, s.tenant).getPostingRecord(docHeader.no);
      if (record?.document.status === 'posting') {
        return resumePick(deps, s, kind, docHeader.no, hooks, extra);
      }
      if (attempt >= ATTEMPTS) throw err;
    }
  }
}

/** What a posted document moved per order (a pick read back after it finished). */
function postedOfMoves(doc: StockDocument): PickResult['posted'] {
  return postedLines(
    doc.moves
      .filter((m) => m.taskOrder !== undefined)
      .map((m) => ({
        order: m.taskOrder!,
        item: m.item,
        warehouse: m.warehouse,
        qty: m.qty,
        ...(m.substituteFor ? { substitute: { for: m.substituteFor, covers: '0' } } : {}),
      })),
  );
}

/** What a chunked pick keeps on its posting record. */
type PickContext = { allocations: Allocation[] };

const isOrderConflict = (err: unknown) =>
  err instanceof AppError && err.code === 'resource.versionConflict';

/**
 * Each touched order after the allocations (needs and issued totals; the first issue starts a
 * released order), and the guarded writes that store it.
 */
function orderUpdates(
  deps: Deps,
  s: Session,
  kind: 'issue' | 'return',
  orders: PickableOrder[],
  allocations: Allocation[],
): { after: Map<string, PickableOrder>; updates: TxItem[] } {
  const touched = new Map(orders.map((o) => [o.no, o]));
  const after = new Map<string, PickableOrder>();
  for (const o of orders) {
    const mine = allocations.filter((a) => a.order === o.no);
    if (!mine.length) continue;
    after.set(o.no, {
      ...o,
      needs: applyAllocations(o.needs, mine),
      // Added to what the order had issued: backflush on receipt adds to it too. A substitute
      // counts as issued of the component it covers (what MRP and shortage net against).
      issued: addIssued(
        o.issued,
        mine.map((a) => (a.substitute ? { item: a.substitute.for, qty: a.substitute.covers } : a)),
      ),
      status: o.status === 'released' && kind === 'issue' ? 'inProgress' : o.status,
      version: o.version + 1,
      rev: (o.rev ?? 0) + 1,
    });
  }
  const repo = taskOrderRepo(deps, s.tenant);
  const updates = [...after.values()].map((o) =>
    repo.updateItem(touched.get(o.no)!, { needs: o.needs, issued: o.issued, status: o.status }),
  );
  return { after, updates };
}

/**
 * Finishes a pick an earlier attempt started: a chunked one from where it stopped, its order
 * updates made again from the orders as they are now (another clerk may have picked for
 * them meanwhile); a one-transaction pick was all or nothing, so it only needs reading back.
 */
async function resumePick(
  deps: Deps,
  s: Session,
  kind: 'issue' | 'return',
  no: string,
  hooks: CommitHooks<PickResult>,
  extra: (doc: StockDocument) => TxItem[],
): Promise<PickResult> {
  const record = await stockRepo(deps, s.tenant).getPostingRecord(no);
  const context = record?.context as PickContext | undefined;
  if (!record || record.document.status !== 'posting' || !context) {
    const doc = await resumePosting(deps, s.tenant, no, {});
    const nos = (doc.ref ?? '').split(',').filter(Boolean);
    return {
      documents: [doc.no],
      orders: await loadOrders(deps, s, nos),
      posted: postedOfMoves(doc),
    };
  }
  const nos = [...new Set(context.allocations.map((a) => a.order))];
  for (let attempt = 1; ; attempt++) {
    const orders = await loadOrders(deps, s, nos);
    const { after, updates } = orderUpdates(deps, s, kind, orders, context.allocations);
    const result: PickResult = {
      documents: [no],
      orders: [...after.values()],
      posted: postedLines(context.allocations.filter((a) => cmpQty(a.qty, '0') !== 0)),
    };
    try {
      await resumePosting(deps, s.tenant, no, {
        onComplete: (doc) => [...updates, ...extra(doc), ...(hooks.onComplete?.(result) ?? [])],
      });
      return result;
    } catch (err) {
      if (!isOrderConflict(err) || attempt >= ATTEMPTS) throw err;
    }
  }
}

// ---- standard and skip-level --------------------------------------------------------------

/**
 * The pick list of one or several orders: their remaining manual needs (of the phantom, if
 * given) summed per item and warehouse with each order's share and the stock available; for
 * one order also how many whole sets stock allows for a kit issue.
 */
export async function pickList(
  deps: Deps,
  s: Session,
  q: { orders: string; phantom?: string },
): Promise<PickList> {
  const nos = [
    ...new Set(
      q.orders
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  ];
  if (!nos.length || nos.length > 50) {
    throw invalidRequest([{ path: ['query', 'orders'], message: '请指定 1 到 50 张生产任务单' }]);
  }
  // Shares in priority order, the order a partial merged pick serves them in.
  const orders = (await loadOrders(deps, s, nos)).sort(byPriority);
  const { lines } = planMerged(orders, q.phantom);
  const avail = await availability(deps, s.tenant, [
    ...lines,
    ...orders.flatMap((o) =>
      o.needs.filter((n) => pickable(n, q.phantom)).map((n) => ({ ...n, ...sourceOf(n) })),
    ),
  ]);
  const only = orders.length === 1 ? orders[0]! : undefined;
  const locations = await locationsOf(
    deps,
    s.tenant,
    lines.map((l) => l.item),
  );
  // One order: the substitutes each line may use when it is short, with their stock.
  const options = only
    ? await substitutesOf(deps, s, await withSubstitutes(deps, s.tenant, only), q.phantom)
    : undefined;
  return {
    orders: nos,
    lines: walkingOrder(
      lines.map((l) => {
        const subs = options?.({ ...l, ...sourceOf(l) });
        const location = locations.get(l.item);
        return {
          ...l,
          available: avail(l.item, l.warehouse, sourceOf(l)),
          ...(location ? { location } : {}),
          ...(subs?.length ? { substitutes: subs } : {}),
        };
      }),
    ),
    ...(only
      ? {
          kit: kitLimits(only, await parentPrecision(deps, s.tenant, only.item), avail, q.phantom),
        }
      : {}),
  };
}

/** Each item's 库位 (bin) from the item master, for the items that name one. */
async function locationsOf(
  deps: Deps,
  tenant: string,
  items: readonly string[],
): Promise<Map<string, string>> {
  const found = (await getMasterRecords(deps, tenant, { item: items })).item as
    Map<string, Item> | undefined;
  return new Map(
    [...(found ?? new Map<string, Item>())].flatMap(([code, i]) =>
      i.location ? [[code, i.location] as const] : [],
    ),
  );
}

/**
 * An issue to one order: standard (lines, partial allowed), all remaining (no lines), kit
 * (sets), each optionally skip-level (phantom).
 */
export function issueToOrder(
  deps: Deps,
  s: Session,
  no: string,
  req: TaskIssueRequest,
  hooks?: CommitHooks<PickResult>,
): Promise<PickResult> {
  return post(
    deps,
    s,
    'issue',
    req,
    async () => {
      const order = await pickableOrder(deps, s, no);
      if (req.phantom && !order.needs.some((n) => n.phantomPath?.includes(req.phantom!))) {
        throw invalidRequest([
          {
            path: ['body', 'phantom'],
            message: `生产任务单 ${no} 的物料清单中没有虚拟件 ${req.phantom}`,
          },
        ]);
      }
      if (req.sets !== undefined) {
        return {
          orders: [order],
          allocations: await kitAllocations(deps, s, order, req.sets, req.phantom),
        };
      }
      if (!req.lines?.some((l) => l.substitute)) {
        return {
          orders: [order],
          allocations: unwrap(planStandardIssue(order, req.lines, req.phantom)),
        };
      }
      const ctx = await substituteContext(deps, s, await withSubstitutes(deps, s.tenant, order));
      return {
        orders: [order],
        allocations: unwrap(planStandardIssue(order, req.lines, req.phantom, ctx)),
      };
    },
    hooks,
  );
}

// ---- substitutes -------------------------------------------------------------------------

/**
 * The order with the substitutes its needs' BOM lines allow. Needs stored before substitutes
 * were copied have none recorded: they are read from the BOM in force at the order's start
 * date (matched by item and phantom path), for this pick only. A rework order has none.
 */
async function withSubstitutes(
  deps: Deps,
  tenant: string,
  order: PickableOrder,
): Promise<PickableOrder> {
  if (order.kind === 'rework' || order.needs.every((n) => n.substitutes !== undefined)) {
    return order;
  }
  const { needs: fresh } = await needsAt(deps, tenant, order.item, order.qty, order.startDate);
  const key = (n: { item: string; phantomPath?: string[] }) =>
    `${n.item}>${(n.phantomPath ?? []).join('>')}`;
  const from = new Map(fresh.map((n) => [key(n), n.substitutes ?? []]));
  return {
    ...order,
    needs: order.needs.map((n) =>
      n.substitutes !== undefined ? n : { ...n, substitutes: from.get(key(n)) ?? [] },
    ),
  };
}

/**
 * What planning a substitute needs: the items of the components and their substitutes
 * (precision, default warehouse, strategy), the stock of the components' balances and of the
 * substitutes (at their default warehouses and every warehouse of the order's needs, so a
 * line may name one), and the order's tracking number.
 */
async function substituteContext(
  deps: Deps,
  s: Session,
  order: PickableOrder,
): Promise<SubstituteContext> {
  const codes = new Set(
    order.needs.flatMap((n) => [n.item, ...(n.substitutes ?? []).map((x) => x.item)]),
  );
  const items = (await getMasterRecords(deps, s.tenant, { item: codes })).item as Map<string, Item>;
  const facts = itemFactsOf(items);
  const warehouses = new Set(order.needs.map((n) => n.warehouse).filter(Boolean));
  const pairs = order.needs.flatMap((n) => [
    { item: n.item, warehouse: n.warehouse, ...sourceOf(n) },
    ...(n.substitutes ?? []).flatMap((x) => {
      const info = facts(x.item);
      const trackingNo = order.trackingNo && info?.strategy === 'mto' ? order.trackingNo : '';
      return [...new Set([info?.defaultWarehouse ?? n.warehouse, ...warehouses])].map(
        (warehouse) => ({ item: x.item, warehouse, status: 'available' as const, trackingNo }),
      );
    }),
  ]);
  const available = await availability(deps, s.tenant, pairs);
  return {
    item: facts,
    available: (item, warehouse, source) => available(item, warehouse, source),
    ...(order.trackingNo ? { trackingNo: order.trackingNo } : {}),
  };
}

/** The substitute options of each pick list line of one order. */
async function substitutesOf(deps: Deps, s: Session, order: PickableOrder, phantom?: string) {
  if (!order.needs.some((n) => pickable(n, phantom) && n.substitutes?.length)) return undefined;
  const ctx = await substituteContext(deps, s, order);
  return (line: Parameters<typeof substituteOptions>[1]) =>
    substituteOptions(order.needs, line, phantom, ctx);
}

// ---- kit ---------------------------------------------------------------------------------

async function parentPrecision(deps: Deps, tenant: string, item: string): Promise<number> {
  const refs = await loadReferences(deps, tenant, [item], []);
  return refs.items.get(item)?.precision ?? 0;
}

/** Kit issue of N sets; refused above what stock allows (the maximum in the details). */
async function kitAllocations(
  deps: Deps,
  s: Session,
  order: PickableOrder,
  sets: string,
  phantom?: string,
): Promise<Allocation[]> {
  const needs = order.needs.filter((n) => pickable(n, phantom));
  const refs = await loadReferences(
    deps,
    s.tenant,
    needs.map((n) => n.item),
    needs.map((n) => n.warehouse).filter(Boolean),
  );
  const avail = await availability(
    deps,
    s.tenant,
    needs.map((n) => ({ ...n, ...sourceOf(n) })),
    refs,
  );
  const limits = kitLimits(
    order,
    await parentPrecision(deps, s.tenant, order.item),
    avail,
    phantom,
  );
  return planKitIssue(order, sets, (item) => refs.items.get(item)?.precision ?? 0, limits, phantom);
}

// ---- merged ------------------------------------------------------------------------------

/**
 * Merged picking: one stock document, each order's share posted to that order; everything
 * that remains, or the quantities taken of some lines (shared out by priority).
 */
export function mergedIssue(
  deps: Deps,
  s: Session,
  req: MergedPickRequest,
  hooks?: CommitHooks<PickResult>,
): Promise<PickResult> {
  return post(
    deps,
    s,
    'issue',
    req,
    async () => {
      // By priority: a partial pick serves the most urgent order first.
      const loaded = (await loadPickable(deps, s, [...new Set(req.orders)])).sort(byPriority);
      const planned = planMerged(loaded).allocations;
      const allocations = req.lines ? unwrap(takeMerged(planned, req.lines)) : planned;
      const missing = allocations.filter((a) => a.warehouse === '');
      if (missing.length) {
        throw invalidRequest(
          missing.map((a) => ({
            path: ['body', 'orders'],
            message: `物料 ${a.item} 没有发料仓库（${a.order}）`,
          })),
        );
      }
      return { orders: loaded, allocations };
    },
    hooks,
  );
}

// ---- returns -----------------------------------------------------------------------------

/** Returns to stock from a task order; never more than was issued. */
export function returnFromOrder(
  deps: Deps,
  s: Session,
  no: string,
  req: TaskReturnRequest,
  hooks?: CommitHooks<PickResult>,
): Promise<PickResult> {
  return post(
    deps,
    s,
    'return',
    req,
    async () => {
      const order = await pickableOrder(deps, s, no, 'return');
      // A substitute coming back uncovers its component by that component's precision.
      const precision =
        req.lines.some((l) => l.substituteFor !== undefined) ||
        order.needs.some((n) => n.substituted?.length)
          ? (
              await loadReferences(
                deps,
                s.tenant,
                order.needs.map((n) => n.item),
                [],
              )
            ).items
          : undefined;
      return {
        orders: [order],
        allocations: unwrap(
          planReturn(order, req.lines, (item) => precision?.get(item)?.precision ?? 0),
        ),
      };
    },
    hooks,
  );
}

export { post as postAllocations, loadOrder };
