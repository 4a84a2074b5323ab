import {
  AppError,
  type FieldIssue,
  type Item,
  type ProductionReceipt,
  type ProductionReceiptRequest,
  type PurchaseReceipt,
  type PurchaseReceiptRequest,
  type Role,
  type Session,
  type StockDocument,
  addQty,
  cmpQty,
  invalidRequest,
  negQty,
  notFound,
  sumQty,
  unitPriceMoney,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  type PlannedMove,
  type References,
  balanceChanges,
  planIssue,
  planReceipt,
} from '../../domain/inventory/index.js';
import {
  type ComponentLine,
  type PurchaseOrderFacts,
  type TaskOrderFacts,
  addConsumed,
  addIssued,
  backflush,
  checkProductionReceipt,
  planPurchaseReceipt,
} from '../../domain/shopfloor/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { orderRepo } from '../../store/orderRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { stockRepo, type DocumentHeader } from '../../store/stockRepo.js';
import type { TxItem } from '../../store/transact.js';
import { itemFactsOf, needsAt } from '../taskOrders/needs.js';
import type { CommitHooks } from '../hooks.js';
import { commitPosting, resumePosting } from '../posting.js';
import {
  prepareInspections,
  withInspectionPlans,
  type InspectionSource,
} from '../quality/openings.js';
import { loadReferences } from '../references.js';
import { shanghaiDate } from '../time.js';
import { taskOrderProgress } from './progress.js';

/** Who may receive beyond an order's quantity. */
export const OVERRUN_ROLES: readonly Role[] = ['supervisor', 'manager', 'admin'];

export function assertMayOverrun(s: Session, field: string): void {
  if (!s.roles.some((r) => OVERRUN_ROLES.includes(r))) {
    throw new AppError('auth.forbidden', '只有班组长、经理或管理员可以允许超量', {
      field,
      roles: OVERRUN_ROLES,
    });
  }
}

const ATTEMPTS = 3;

function isOrderConflict(err: unknown, kind: string): boolean {
  return (
    err instanceof AppError &&
    err.code === 'resource.versionConflict' &&
    err.details?.entity === kind
  );
}

/**
 * Runs a receipt against an order. The order's update rides in the transaction that
 * completes the stock posting, guarded by the order's `rev`: if another receipt got there
 * first, nothing of a one-transaction posting was written and the receipt is planned again
 * from the fresh order (over-receipt checked again); a multi-transaction posting whose last
 * chunk lost the race resumes with the order read again.
 */
async function withOrderRetry<R>(
  deps: Deps,
  s: Session,
  kind: 'purchaseOrder' | 'taskOrder',
  hooks: CommitHooks<R>,
  fresh: (docNo: string) => Promise<R>,
  resume: (docNo: string) => Promise<R>,
): Promise<R> {
  if (hooks.resume) return resume(hooks.resume);
  for (let attempt = 1; ; attempt++) {
    const no = await nextDocumentNumber(deps, s.tenant, 'RC', shanghaiDate(deps.clock.now()));
    try {
      return await fresh(no);
    } catch (err) {
      if (!isOrderConflict(err, kind) || attempt >= ATTEMPTS) throw err;
      const record = await stockRepo(deps, s.tenant).getPostingRecord(no);
      if (record?.document.status === 'posting') return resume(no);
    }
  }
}

function header(deps: Deps, s: Session, no: string, fields: Partial<DocumentHeader>) {
  return {
    no,
    kind: 'receipt',
    postedAt: deps.clock.now().toISOString(),
    postedBy: s.user,
    ...fields,
  } as DocumentHeader;
}

function bodyIssues(issues: FieldIssue[]): AppError {
  return invalidRequest(issues.map((i) => ({ ...i, path: ['body', ...i.path] })));
}

/**
 * Hooks that add the order's update, the inspection orders the receipt opens and the caller's
 * own items to the completing write.
 */
function withOrderUpdate<R>(
  outer: CommitHooks<R>,
  orderUpdate: TxItem,
  result: (doc: StockDocument) => R,
  inspections: readonly TxItem[] = [],
): CommitHooks<StockDocument> {
  return {
    onComplete: (doc) => [orderUpdate, ...inspections, ...(outer.onComplete?.(result(doc)) ?? [])],
    ...(outer.onStart ? { onStart: outer.onStart } : {}),
  };
}

/** Completion room for the order update, the idempotency record and the inspection writes. */
const completionFor = (opened: { count: number }) =>
  opened.count ? { completionItems: 2 + opened.count } : {};

const purchaseSource = (order: PurchaseOrderFacts): InspectionSource => ({
  kind: 'purchase',
  sourceOf: (m) => ({ order: order.no, line: m.lineNo }),
  ...(order.supplier ? { partner: order.supplier } : {}),
});

const productionSource = (order: TaskOrderFacts): InspectionSource => ({
  kind: 'production',
  sourceOf: () => ({ order: order.no }),
});

// ---------------------------------------------------------------------------------------
// Purchase receipts

export async function receivePurchase(
  deps: Deps,
  s: Session,
  req: PurchaseReceiptRequest,
  hooks: CommitHooks<PurchaseReceipt> = {},
): Promise<PurchaseReceipt> {
  if (req.allowOverReceipt) assertMayOverrun(s, 'allowOverReceipt');
  const orders = orderRepo(deps, s.tenant);
  const load = async () => {
    const order = await orders.getPurchaseOrder(req.purchaseOrder);
    if (!order) throw notFound('purchaseOrder', req.purchaseOrder);
    return order;
  };

  const fresh = async (no: string) => {
    const order = await load();
    const items = (await getMasterRecords(deps, s.tenant, { item: order.lines.map((l) => l.item) }))
      .item as Map<string, Item>;
    const planned = planPurchaseReceipt(order, req, (code) => items.get(code)?.defaultWarehouse);
    if (!planned.ok) throw bodyIssues(planned.issues);
    const refs = await withInspectionPlans(
      deps,
      s.tenant,
      await loadReferences(
        deps,
        s.tenant,
        planned.lines.map((l) => l.item),
        planned.lines.map((l) => l.warehouse),
      ),
    );
    const receipt = planReceipt(
      {
        date: req.date,
        reason: 'purchase',
        // A line with a price (entered orders) values its receipt at that price, excluding
        // VAT: the move keeps it as its unit cost, for costing.
        lines: planned.lines.map(({ line, item, warehouse, qty, lot, trackingNo }) => {
          const price = order.lines[line - 1]?.unitPrice;
          return {
            item,
            warehouse,
            qty,
            ...(lot ? { lot } : {}),
            ...(trackingNo ? { trackingNo } : {}),
            ...(price !== undefined ? { unitCost: unitPriceMoney(price) } : {}),
          };
        }),
      },
      refs,
    );
    if (!receipt.ok) throw bodyIssues(receipt.issues);
    // The document's line numbers are the order's: a resumed posting finds its lines by them.
    const moves = receipt.value.map((m, i) => ({ ...m, lineNo: planned.lines[i]!.line }));
    return post(no, order, moves, refs, planned.received);
  };

  /**
   * The order after a receipt (each line's received quantity; received in full when every
   * line is) and the guarded update that stores it with the posting's last write.
   */
  const orderAfter = (order: PurchaseOrderFacts, received: string[], at: string) => {
    const changed = new Map<number, string>();
    received.forEach((r, i) => {
      if (r !== order.lines[i]!.received) changed.set(i, r);
    });
    const done = order.lines.every((l, i) => l.closed || cmpQty(received[i]!, l.qty) >= 0);
    const status = done && order.status === 'open' ? 'received' : order.status;
    const update = orders.update(
      'purchaseOrder',
      order.no,
      order.rev,
      status !== order.status ? { status } : {},
      at,
      changed,
    );
    const result = (doc: StockDocument): PurchaseReceipt => ({
      document: doc,
      purchaseOrder: {
        no: order.no,
        status,
        lines: order.lines.map((l, i) => ({
          line: i + 1,
          item: l.item,
          qty: l.qty,
          received: received[i]!,
        })),
      },
    });
    return { update, result };
  };

  const post = async (
    no: string,
    order: PurchaseOrderFacts,
    moves: PlannedMove[],
    refs: References,
    received: string[],
  ) => {
    const { update, result } = orderAfter(order, received, deps.clock.now().toISOString());
    const head = header(deps, s, no, {
      date: req.date,
      reason: 'purchase',
      ref: order.no,
      ...(order.supplier ? { partner: order.supplier } : {}),
      ...(req.note ? { note: req.note } : {}),
    });
    const opened = await prepareInspections(deps, s, head, moves, purchaseSource(order));
    return commitPosting(
      deps,
      s.tenant,
      head,
      moves,
      balanceChanges(moves, refs),
      withOrderUpdate(hooks, update, result, opened.items),
      completionFor(opened),
    ).then(result);
  };

  /** Finish a posting an earlier attempt started: its moves say what each order line got. */
  const resume = async (no: string) => {
    const record = await stockRepo(deps, s.tenant).getPostingRecord(no);
    const order = await load();
    if (!record || record.document.status !== 'posting') {
      const doc = await resumePosting(deps, s.tenant, no, {});
      return {
        document: doc,
        purchaseOrder: {
          no: order.no,
          status: order.status,
          lines: order.lines.map((l, i) => ({
            line: i + 1,
            item: l.item,
            qty: l.qty,
            received: l.received,
          })),
        },
      };
    }
    const received = order.lines.map((l, i) =>
      addQty(
        l.received,
        sumQty(record.document.moves.filter((m) => m.lineNo === i + 1).map((m) => m.qty)),
      ),
    );
    const { update, result } = orderAfter(order, received, record.document.postedAt);
    const opened = await prepareInspections(
      deps,
      s,
      record.document,
      record.document.moves,
      purchaseSource(order),
    );
    return resumePosting(
      deps,
      s.tenant,
      no,
      withOrderUpdate(hooks, update, result, opened.items),
    ).then(result);
  };

  return withOrderRetry(deps, s, 'purchaseOrder', hooks, fresh, resume);
}

// ---------------------------------------------------------------------------------------
// Production receipts

/**
 * The component needs of a task order, which backflush scales by the quantity received: its
 * own `needs` (copied from the BOM at its start date with phantoms expanded when it was
 * created), else (an imported order never read for picking) the same needs computed now from
 * the default BOM at its start date, by the same expansion. A rework order backflushes
 * nothing. Also the item facts of the product and its components.
 */
async function componentNeeds(deps: Deps, tenant: string, order: TaskOrderFacts) {
  let needs: ComponentLine[] = [];
  if (order.needs) needs = order.needs;
  else if (order.kind !== 'rework') {
    needs = (
      await needsAt(deps, tenant, order.item, order.qty, order.startDate, {
        required: true,
        ...(order.trackingNo ? { trackingNo: order.trackingNo } : {}),
      })
    ).needs;
  }
  const items = (
    await getMasterRecords(deps, tenant, { item: [order.item, ...needs.map((n) => n.item)] })
  ).item as Map<string, Item>;
  return { needs: order.kind === 'rework' ? [] : needs, items };
}

/**
 * What an order had received before the product's cumulative backflush (and the check of
 * receipts against reported good) took over: stored with its first receipt; until then its
 * `received` (an imported order's opening quantity, or receipts posted before the rule).
 */
function openingOf(order: TaskOrderFacts): string {
  return order.openingReceived ?? order.received;
}

export async function receiveProduction(
  deps: Deps,
  s: Session,
  req: ProductionReceiptRequest,
  hooks: CommitHooks<ProductionReceipt> = {},
): Promise<ProductionReceipt> {
  if (req.allowOverReceipt) assertMayOverrun(s, 'allowOverReceipt');
  if (req.allowAboveReported) assertMayOverrun(s, 'allowAboveReported');
  const orders = orderRepo(deps, s.tenant);
  const load = async () => {
    const order = await orders.getTaskOrder(req.taskOrder);
    if (!order) throw notFound('taskOrder', req.taskOrder);
    return order;
  };

  /**
   * The order after a receipt (received, and issued plus what was backflushed) and the guarded
   * update that stores it with the posting's last write.
   */
  const orderAfter = (
    order: TaskOrderFacts,
    received: string,
    flushed: ProductionReceipt['backflush'],
    consumed: TaskOrderFacts['backflushed'],
    at: string,
  ) => {
    const next = {
      received,
      issued: addIssued(
        order.issued,
        flushed.map((f) => ({ item: f.item, qty: f.qty })),
      ),
    };
    // The cumulative backflush's state: what came before the product's receipts (kept from
    // the first receipt on) and what the receipts consumed per balance.
    const update = orders.update(
      'taskOrder',
      order.no,
      order.rev,
      { ...next, openingReceived: openingOf(order), backflushed: consumed ?? [] },
      at,
    );
    const result = (doc: StockDocument): ProductionReceipt => ({
      document: doc,
      backflush: flushed,
      taskOrder: taskOrderProgress({ ...order, ...next }),
    });
    return { update, result };
  };

  const fresh = async (no: string) => {
    const order = await load();
    const { received } = checkProductionReceipt(order, req);
    const ctx = await componentNeeds(deps, s.tenant, order);
    // A rework order repairs product already made: nothing of its BOM is consumed again.
    const { lines: flushed, consumed } = backflush(
      {
        before: order.received,
        after: received,
        opening: openingOf(order),
        consumed: order.backflushed ?? [],
      },
      ctx.needs,
      itemFactsOf(ctx.items),
    );
    const warehouse =
      req.warehouse ??
      order.warehouse ??
      ctx.items.get(order.item)?.defaultWarehouse ??
      order.reworkWarehouse;
    if (!warehouse) {
      throw bodyIssues([
        { path: ['warehouse'], message: `物料 ${order.item} 没有默认仓库，请指定入库仓库` },
      ]);
    }
    const refs = await withInspectionPlans(
      deps,
      s.tenant,
      await loadReferences(
        deps,
        s.tenant,
        [order.item, ...flushed.map((f) => f.item)],
        [warehouse, ...flushed.map((f) => f.warehouse)],
      ),
    );
    const product = planReceipt(
      {
        date: req.date,
        reason: 'production',
        lines: [
          {
            item: order.item,
            warehouse,
            qty: req.qty,
            ...(req.lot ? { lot: req.lot } : {}),
            // MTO product of a tracked order: stock of that order; MTS product: the pool.
            ...(order.trackingNo && ctx.items.get(order.item)?.strategy === 'mto'
              ? { trackingNo: order.trackingNo }
              : {}),
          },
        ],
      },
      refs,
    );
    if (!product.ok) throw bodyIssues(product.issues);
    // Every line names the order: the product it received and the components it consumed.
    const moves: PlannedMove[] = product.value.map((m) => ({ ...m, taskOrder: order.no }));
    if (flushed.length) {
      const issue = planIssue(
        { date: req.date, reason: 'production', lines: flushed.map((f) => ({ ...f })) },
        refs,
      );
      if (!issue.ok) {
        throw invalidRequest(
          issue.issues.map((i) => ({ ...i, path: ['body', 'taskOrder'] })),
          `倒冲失败：${issue.issues.map((i) => i.message).join('；')}`,
        );
      }
      moves.push(...issue.value.map((m, i) => ({ ...m, lineNo: i + 2, taskOrder: order.no })));
    }
    const { update, result } = orderAfter(
      order,
      received,
      flushed,
      consumed,
      deps.clock.now().toISOString(),
    );
    const head = header(deps, s, no, {
      date: req.date,
      reason: 'production',
      ref: order.no,
      ...(req.note ? { note: req.note } : {}),
    });
    const opened = await prepareInspections(deps, s, head, moves, productionSource(order));
    return commitPosting(
      deps,
      s.tenant,
      head,
      moves,
      balanceChanges(moves, refs),
      withOrderUpdate(hooks, update, result, opened.items),
      completionFor(opened),
    ).then(result);
  };

  /** Finish a posting an earlier attempt started: line 1 is the product, the rest backflush. */
  const resume = async (no: string) => {
    const record = await stockRepo(deps, s.tenant).getPostingRecord(no);
    const order = await load();
    const doc = record?.document;
    const flushed = (doc?.moves ?? [])
      .filter((m) => m.lineNo > 1)
      .map((m) => ({
        item: m.item,
        warehouse: m.warehouse,
        qty: negQty(m.qty),
        ...(m.trackingNo ? { trackingNo: m.trackingNo } : {}),
      }));
    if (!doc || doc.status !== 'posting') {
      const posted = await resumePosting(deps, s.tenant, no, {});
      return { document: posted, backflush: flushed, taskOrder: taskOrderProgress(order) };
    }
    const product = doc.moves.find((m) => m.lineNo === 1)!;
    const received = addQty(order.received, product.qty);
    const consumed = addConsumed(order.backflushed ?? [], flushed);
    const { update, result } = orderAfter(order, received, flushed, consumed, doc.postedAt);
    const opened = await prepareInspections(deps, s, doc, doc.moves, productionSource(order));
    return resumePosting(
      deps,
      s.tenant,
      no,
      withOrderUpdate(hooks, update, result, opened.items),
    ).then(result);
  };

  return withOrderRetry(deps, s, 'taskOrder', hooks, fresh, resume);
}
