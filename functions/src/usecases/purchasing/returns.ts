import {
  AppError,
  type Item,
  type Page,
  type PurchaseReturn,
  type PurchaseReturnCreate,
  type Session,
  cmpQty,
  invalidRequest,
  notFound,
  fenMoney,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { balanceChanges } from '../../domain/inventory/index.js';
import {
  expectPurchaseStatus,
  planPurchaseReturn,
  statusAfterReturn,
  type ReceiptFacts,
} from '../../domain/purchasing/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { orderRepo } from '../../store/orderRepo.js';
import { purchaseOrderRepo } from '../../store/purchaseOrderRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { stockRepo, type DocumentHeader } from '../../store/stockRepo.js';
import { MAX_TRANSACTION_ITEMS } from '../../store/transact.js';
import type { CommitHooks } from '../hooks.js';
import { commitPosting } from '../posting.js';
import { loadReferences } from '../references.js';
import { shanghaiDate } from '../time.js';

const ATTEMPTS = 3;

/** The stock document reason of a return to the supplier: a receipt with negative quantities. */
export const PURCHASE_RETURN_REASON = 'purchaseReturn';

/**
 * Returns goods to the supplier (采购退货) against an order's receipts: posts each quantity out
 * of the balance its receipt put it into (409 stock.insufficient when it is no longer there),
 * valued at that receipt's unit cost (a negative receipt for costing); the order lines'
 * received quantities fall by it, so what is no longer received is open again (MRP supply)
 * unless the line is closed, and an order that was done is open again when a line reopens.
 * The posting, the order's update (guarded by its `rev`, like receipts) and the caller's
 * idempotency record are one transaction; a receipt or another return landing in between
 * makes it plan again from fresh reads.
 */
export async function returnToSupplier(
  deps: Deps,
  s: Session,
  no: string,
  input: PurchaseReturnCreate,
  hooks: CommitHooks<PurchaseReturn> = {},
): Promise<PurchaseReturn> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptReturn(deps, s, no, input, hooks);
    } catch (err) {
      const conflict =
        err instanceof AppError &&
        err.code === 'resource.versionConflict' &&
        err.details?.entity === 'purchaseOrder';
      if (!conflict || attempt >= ATTEMPTS) throw err;
    }
  }
}

async function receiptsOf(
  deps: Deps,
  tenant: string,
  nos: string[],
): Promise<Map<string, ReceiptFacts>> {
  const repo = stockRepo(deps, tenant);
  const docs = await Promise.all(nos.map((n) => repo.getDocument(n)));
  const out = new Map<string, ReceiptFacts>();
  docs.forEach((d) => {
    if (!d) return;
    out.set(d.no, {
      no: d.no,
      kind: d.kind,
      status: d.status,
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.ref ? { ref: d.ref } : {}),
      moves: d.moves,
    });
  });
  return out;
}

async function attemptReturn(
  deps: Deps,
  s: Session,
  no: string,
  input: PurchaseReturnCreate,
  hooks: CommitHooks<PurchaseReturn>,
): Promise<PurchaseReturn> {
  const stored = await purchaseOrderRepo(deps, s.tenant).get(no);
  if (!stored) throw notFound('purchaseOrder', no);
  const order = stored.order;
  expectPurchaseStatus(no, order.status, 'return');
  const receiptNos = [...new Set(input.lines.map((l) => l.receipt))];
  const [receipts, master] = await Promise.all([
    receiptsOf(deps, s.tenant, receiptNos),
    getMasterRecords(deps, s.tenant, { item: [...new Set(order.lines.map((l) => l.item))] }),
  ]);
  const items = (master.item ?? new Map()) as Map<string, Item>;
  const planned = planPurchaseReturn(order, input, receipts, (code) => items.get(code)?.precision);
  if (!planned.ok) throw invalidRequest(planned.issues);
  const { moves, received, lines, amountFen } = planned.value;
  const refs = await loadReferences(
    deps,
    s.tenant,
    moves.map((m) => m.item),
    moves.map((m) => m.warehouse),
  );
  const changes = balanceChanges(moves, refs);
  // The document, its moves and balances, the order and the idempotency record: one write.
  if (1 + moves.length + changes.length + 2 > MAX_TRANSACTION_ITEMS) {
    throw invalidRequest([
      { path: ['body', 'lines'], message: '退货涉及的库存太多，请拆分为几张退货单' },
    ]);
  }

  const now = deps.clock.now();
  const at = now.toISOString();
  const docNo = await nextDocumentNumber(deps, s.tenant, 'PR', shanghaiDate(now));
  const header: DocumentHeader = {
    no: docNo,
    kind: 'receipt',
    date: input.date,
    reason: PURCHASE_RETURN_REASON,
    ref: order.no,
    ...(order.supplier ? { partner: order.supplier } : {}),
    ...(input.reason ? { note: input.reason } : {}),
    postedAt: at,
    postedBy: s.user,
  };
  const result: PurchaseReturn = {
    no: docNo,
    purchaseOrder: order.no,
    supplier: order.supplier,
    date: input.date,
    ...(input.reason ? { reason: input.reason } : {}),
    lines,
    amount: fenMoney(amountFen),
    postedAt: at,
    postedBy: s.user,
  };
  const changed = new Map<number, string>();
  received.forEach((r, i) => {
    if (cmpQty(r, order.lines[i]!.received) !== 0) changed.set(i, r);
  });
  const status = statusAfterReturn(order.status, order.lines, received);
  const update = orderRepo(deps, s.tenant).update(
    'purchaseOrder',
    order.no,
    stored.rev,
    {
      returns: [...(order.returns ?? []), result],
      version: order.version + 1,
      updatedBy: s.user,
      ...(status !== order.status ? { status } : {}),
    },
    at,
    changed,
  );
  await commitPosting(deps, s.tenant, header, moves, changes, {
    onComplete: () => [update, ...(hooks.onComplete?.(result) ?? [])],
  });
  return result;
}

/** The returns of one order, oldest first (the order keeps them). */
export async function listPurchaseReturns(
  deps: Deps,
  s: Session,
  no: string,
): Promise<Page<PurchaseReturn>> {
  const stored = await purchaseOrderRepo(deps, s.tenant).get(no);
  if (!stored) throw notFound('purchaseOrder', no);
  return { items: stored.order.returns ?? [], nextCursor: null };
}
