import {
  type Approval,
  type Item,
  type Page,
  type Partner,
  type PurchaseOrder,
  type PurchaseOrderCancel,
  type PurchaseOrderCreate,
  type PurchaseOrderLine,
  type PurchaseOrderLineClose,
  type PurchaseOrderLineInput,
  type PurchaseOrderListQuery,
  type PurchaseOrderSubmit,
  type PurchaseOrderUpdate,
  type Session,
  formatMoney,
  invalidRequest,
  notFound,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { alreadyDecided } from '../../domain/approval/index.js';
import {
  closeLine,
  expectCancellable,
  expectPurchaseStatus,
  priceLines,
  type PurchaseItemInfo,
  statusAfterEdit,
  type SupplierInfo,
} from '../../domain/purchasing/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { priceListRepo } from '../../store/priceListRepo.js';
import {
  listPurchaseOrderPage,
  purchaseOrderRepo,
  type StoredPurchaseOrder,
} from '../../store/purchaseOrderRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import type { TxItem } from '../../store/transact.js';
import type { ApprovalDocumentHandler, DocumentOutcome } from '../approval/documents.js';
import { prepareApproval, prepareCancel, stepsFor } from '../approval/submitting.js';
import { completing, type CommitHooks } from '../hooks.js';
import { shanghaiDate } from '../time.js';
import { withPartnerNames } from '../labels.js';

async function load(deps: Deps, s: Session, no: string): Promise<StoredPurchaseOrder> {
  const stored = await purchaseOrderRepo(deps, s.tenant).get(no);
  if (!stored) throw notFound('purchaseOrder', no);
  return stored;
}

function expectVersion(order: PurchaseOrder, expected: number | undefined) {
  if (expected !== undefined && order.version !== expected)
    throw versionConflict('purchaseOrder', order.no, expected);
}

async function masterData(deps: Deps, tenant: string, supplier: string, items: string[]) {
  const found = await getMasterRecords(deps, tenant, { partner: [supplier], item: items });
  const partner = found.partner?.get(supplier) as Partner | undefined;
  const info: SupplierInfo | undefined = partner && {
    code: partner.code,
    name: partner.name,
    isSupplier: partner.roles.includes('supplier'),
    active: partner.active,
  };
  const itemInfo = new Map<string, PurchaseItemInfo>();
  for (const [code, raw] of found.item ?? []) {
    const i = raw as Item;
    itemInfo.set(code, {
      code,
      name: i.name,
      unit: i.unit,
      precision: i.precision,
      active: i.active,
      ...(i.source === 'customerSupplied' && i.customer ? { customerSupplied: i.customer } : {}),
    });
  }
  return { supplier: info, items: itemInfo };
}

/** Prices and checks the lines (typed prices, else the price list); every bad field named. */
async function priced(
  deps: Deps,
  tenant: string,
  supplier: string,
  orderDate: string,
  lines: readonly PurchaseOrderLineInput[],
  previous: readonly PurchaseOrderLine[] = [],
) {
  const codes = [...new Set(lines.map((l) => l.item))];
  const md = await masterData(deps, tenant, supplier, codes);
  const needList = lines.some((l, i) => l.unitPrice === undefined && !previous[i]?.closed);
  const prices = needList
    ? await priceListRepo(deps, tenant).entriesFor(
        lines.filter((l) => l.unitPrice === undefined).map((l) => ({ supplier, item: l.item })),
      )
    : [];
  const result = priceLines(
    { code: supplier, info: md.supplier },
    lines,
    md.items,
    prices,
    orderDate,
    previous,
  );
  if (result.issues.length) throw invalidRequest(result.issues);
  return { ...result, supplierName: md.supplier!.name };
}

/** The stored lines as inputs: their prices kept (and where they came from). */
function inputsOf(order: PurchaseOrder): PurchaseOrderLineInput[] {
  return order.lines.map((l) => ({
    item: l.item,
    qty: l.qty,
    ...(l.unitPrice !== undefined ? { unitPrice: l.unitPrice } : {}),
    ...(l.vatRate !== undefined ? { vatRate: l.vatRate } : {}),
    dueDate: l.dueDate,
    ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
    ...(l.note ? { note: l.note } : {}),
  }));
}

/** Repriced stored lines keep their price's source (a list price stays a list price). */
function keepSources(lines: PurchaseOrderLine[], before: readonly PurchaseOrderLine[]) {
  return lines.map((l, i) =>
    before[i]?.priceSource ? { ...l, priceSource: before[i].priceSource } : l,
  );
}

export async function createPurchaseOrder(
  deps: Deps,
  s: Session,
  input: PurchaseOrderCreate,
  hooks: CommitHooks<PurchaseOrder> = {},
): Promise<PurchaseOrder> {
  const { order, items } = await draftPurchaseOrder(deps, s, input);
  await deps.unitOfWork.commit(completing(hooks, order, items));
  return order;
}

/**
 * A new draft order, priced and checked, and the write that creates it (to commit, with what
 * else the caller writes: a purchase request marked converted). `from` names the purchase
 * request it is made from; `path` where its input's fields are (for the error paths).
 */
export async function draftPurchaseOrder(
  deps: Deps,
  s: Session,
  input: PurchaseOrderCreate,
  from: { request?: string } = {},
): Promise<{ order: PurchaseOrder; items: TxItem[] }> {
  const now = deps.clock.now();
  const orderDate = input.orderDate ?? shanghaiDate(now);
  // Checked before a number is taken, so a refused order uses none.
  const p = await priced(deps, s.tenant, input.supplier, orderDate, input.lines);
  const no = await nextDocumentNumber(deps, s.tenant, 'PO', shanghaiDate(now));
  const at = now.toISOString();
  const order: PurchaseOrder = {
    no,
    origin: 'entry',
    supplier: input.supplier,
    supplierName: p.supplierName,
    orderDate,
    status: 'draft',
    ...(input.remark ? { remark: input.remark } : {}),
    lines: p.lines,
    ...p.totals,
    ...(from.request ? { request: from.request } : {}),
    version: 1,
    createdAt: at,
    createdBy: s.user,
    updatedAt: at,
    updatedBy: s.user,
  };
  return { order, items: [purchaseOrderRepo(deps, s.tenant).put(order, undefined)] };
}

/**
 * Edits a draft or rejected order (a draft again), or an open one: lines already received keep
 * their item and at least their received qty, closed lines stay; an open order whose amount
 * including VAT goes above what was approved goes back to draft, to be submitted again.
 */
export async function updatePurchaseOrder(
  deps: Deps,
  s: Session,
  no: string,
  input: PurchaseOrderUpdate,
  hooks: CommitHooks<PurchaseOrder> = {},
): Promise<PurchaseOrder> {
  const repo = purchaseOrderRepo(deps, s.tenant);
  const stored = await load(deps, s, no);
  const order = stored.order;
  expectVersion(order, input.expectedVersion);
  expectPurchaseStatus(no, order.status, 'edit');
  const supplier = input.supplier ?? order.supplier;
  if (supplier !== order.supplier && order.lines.some((l) => l.received !== '0' || l.closed)) {
    throw invalidRequest([
      { path: ['body', 'supplier'], message: '订单已有入库或关闭的行，不能更换供应商' },
    ]);
  }
  const orderDate = input.orderDate ?? order.orderDate ?? shanghaiDate(deps.clock.now());
  const p = await priced(
    deps,
    s.tenant,
    supplier,
    orderDate,
    input.lines ?? inputsOf(order),
    order.lines,
  );
  const lines = input.lines ? p.lines : keepSources(p.lines, order.lines);
  const status = statusAfterEdit(
    order.status,
    stored.approvedTotalFen,
    p.totals.totalWithTax.amount,
  );
  const { remark: _old, decidedAt: _decided, ...rest } = order;
  const remark = input.remark === undefined ? order.remark : (input.remark ?? undefined);
  const next: PurchaseOrder = {
    ...rest,
    ...(status === 'open' && order.decidedAt ? { decidedAt: order.decidedAt } : {}),
    status,
    supplier,
    supplierName: p.supplierName,
    orderDate,
    ...(remark ? { remark } : {}),
    lines,
    ...p.totals,
    version: order.version + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(completing(hooks, next, [repo.put(next, stored)]));
  return next;
}

function cardFields(order: PurchaseOrder) {
  const due = order.lines.map((l) => l.dueDate).sort()[0];
  return [
    { key: '单号', value: order.no },
    { key: '供应商', value: order.supplierName ?? order.supplier },
    { key: '金额（含税）', value: formatMoney(order.totalWithTax) },
    { key: '税额', value: formatMoney(order.tax) },
    { key: '行数', value: String(order.lines.length) },
    ...(due ? [{ key: '最早到货', value: due }] : []),
  ];
}

/**
 * Submits a draft or rejected order: checked again against today's master data (prices as on
 * the order), then the approval rules decide by the amount including VAT. No step applies:
 * open at once. Otherwise pending with a new approval in the same transaction (cards through
 * the outbox).
 */
export async function submitPurchaseOrder(
  deps: Deps,
  s: Session,
  no: string,
  input: PurchaseOrderSubmit,
  hooks: CommitHooks<PurchaseOrder> = {},
): Promise<PurchaseOrder> {
  const repo = purchaseOrderRepo(deps, s.tenant);
  const stored = await load(deps, s, no);
  const order = stored.order;
  expectVersion(order, input.expectedVersion);
  expectPurchaseStatus(no, order.status, 'submit');
  const orderDate = order.orderDate ?? shanghaiDate(deps.clock.now());
  const p = await priced(deps, s.tenant, order.supplier, orderDate, inputsOf(order), order.lines);
  const at = deps.clock.now().toISOString();
  const { decidedAt: _decided, ...unsettled } = order;
  const checked: PurchaseOrder = {
    ...unsettled,
    supplierName: p.supplierName,
    lines: keepSources(p.lines, order.lines),
    ...p.totals,
    version: order.version + 1,
    updatedAt: at,
    updatedBy: s.user,
    submittedAt: at,
  };
  const subject = {
    docType: 'purchaseOrder' as const,
    docNo: no,
    fields: cardFields(checked),
    amount: checked.totalWithTax,
  };
  const steps = await stepsFor(deps, s.tenant, subject);
  if (steps.length === 0) {
    const open: PurchaseOrder = { ...checked, status: 'open', decidedAt: at };
    await deps.unitOfWork.commit(
      completing(hooks, open, [
        repo.put(open, stored, { approvedTotalFen: open.totalWithTax.amount }),
      ]),
    );
    return open;
  }
  const { approval, items } = await prepareApproval(deps, s, subject, steps);
  const pending: PurchaseOrder = { ...checked, status: 'pending', approvalId: approval.id };
  await deps.unitOfWork.commit(completing(hooks, pending, [repo.put(pending, stored), ...items]));
  return pending;
}

/**
 * Cancels a draft, pending or rejected order, or an open one nothing was received on; a
 * pending order's approval is cancelled with it.
 */
export async function cancelPurchaseOrder(
  deps: Deps,
  s: Session,
  no: string,
  input: PurchaseOrderCancel,
  hooks: CommitHooks<PurchaseOrder> = {},
): Promise<PurchaseOrder> {
  const stored = await load(deps, s, no);
  const order = stored.order;
  expectVersion(order, input.expectedVersion);
  expectCancellable(no, order.status, order.lines);
  const at = deps.clock.now().toISOString();
  const cancelled: PurchaseOrder = {
    ...order,
    status: 'cancelled',
    ...(input.reason ? { cancelReason: input.reason } : {}),
    version: order.version + 1,
    updatedAt: at,
    updatedBy: s.user,
    cancelledAt: at,
  };
  const approval =
    order.status === 'pending' && order.approvalId
      ? await prepareCancel(deps, s, order.approvalId, input.reason)
      : { items: [] as TxItem[] };
  await deps.unitOfWork.commit(
    completing(hooks, cancelled, [
      purchaseOrderRepo(deps, s.tenant).put(cancelled, stored),
      ...approval.items,
    ]),
  );
  return cancelled;
}

/**
 * Closes one line of an open order (短交): its unreceived quantity is no longer expected (no
 * more receipts, no longer MRP supply). The last open line closes the order.
 */
export async function closePurchaseOrderLine(
  deps: Deps,
  s: Session,
  no: string,
  line: number,
  input: PurchaseOrderLineClose,
  hooks: CommitHooks<PurchaseOrder> = {},
): Promise<PurchaseOrder> {
  const stored = await load(deps, s, no);
  const order = stored.order;
  expectVersion(order, input.expectedVersion);
  const at = deps.clock.now().toISOString();
  const closed = closeLine(no, order.status, order.lines, line, at);
  const next: PurchaseOrder = {
    ...order,
    status: closed.status,
    lines: closed.lines.map((l, i) =>
      i === line - 1 && input.reason ? { ...l, note: l.note ?? input.reason } : l,
    ),
    version: order.version + 1,
    updatedAt: at,
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, next, [purchaseOrderRepo(deps, s.tenant).put(next, stored)]),
  );
  return next;
}

/** The approval finished: the pending order becomes open or rejected, in its transaction. */
export async function finishPurchaseOrderApproval(
  deps: Deps,
  s: Session,
  approval: Approval,
  outcome: 'approved' | 'rejected',
): Promise<DocumentOutcome> {
  const repo = purchaseOrderRepo(deps, s.tenant);
  const stored = await repo.get(approval.docNo);
  const order = stored?.order;
  if (!stored || !order || order.status !== 'pending' || order.approvalId !== approval.id)
    throw alreadyDecided(approval);
  const next: PurchaseOrder = {
    ...order,
    status: outcome === 'approved' ? 'open' : 'rejected',
    version: order.version + 1,
    decidedAt: approval.finishedAt!,
    updatedAt: approval.finishedAt!,
    updatedBy: s.user,
  };
  return {
    items: [
      repo.put(
        next,
        stored,
        outcome === 'approved' ? { approvedTotalFen: next.totalWithTax.amount } : {},
        () => alreadyDecided(approval),
      ),
    ],
    document: next,
  };
}

/** Purchase orders in the approval engine; registered at the composition root. */
export const purchaseOrderApproval: ApprovalDocumentHandler = {
  type: 'purchaseOrder',
  separateWork: false,
  finish: finishPurchaseOrderApproval,
};

export async function getPurchaseOrder(deps: Deps, s: Session, no: string): Promise<PurchaseOrder> {
  const { order } = await load(deps, s, no);
  return (await withPartnerNames(deps, s.tenant, [order], 'supplier', 'supplierName'))[0]!;
}

export async function listPurchaseOrders(
  deps: Deps,
  s: Session,
  q: PurchaseOrderListQuery,
): Promise<Page<PurchaseOrder>> {
  const page = await listPurchaseOrderPage(deps, s.tenant, q);
  // Imported orders carry the supplier's code only: the list shows people the name.
  return {
    ...page,
    items: await withPartnerNames(deps, s.tenant, page.items, 'supplier', 'supplierName'),
  };
}
