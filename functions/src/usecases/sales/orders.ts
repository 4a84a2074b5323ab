import {
  AppError,
  type Approval,
  type Item,
  type Page,
  type Partner,
  type SalesOrder,
  type SalesOrderCancel,
  type SalesOrderClose,
  type SalesOrderCreate,
  type SalesOrderLineInput,
  type SalesOrderListQuery,
  type SalesOrderSubmit,
  type SalesOrderUpdate,
  type Session,
  formatMoney,
  invalidRequest,
  notFound,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { alreadyDecided } from '../../domain/approval/index.js';
import {
  type CustomerInfo,
  expectOrderStatus,
  priceLines,
  type SalesItemInfo,
} from '../../domain/sales/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { salesOrderRepo } from '../../store/salesOrderRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { type TxItem } from '../../store/transact.js';
import type { ApprovalDocumentHandler, DocumentOutcome } from '../approval/documents.js';
import { prepareApproval, prepareCancel, stepsFor } from '../approval/submitting.js';
import { completing, type CommitHooks } from '../hooks.js';
import { shanghaiDate } from '../time.js';
import { notePromisedDemand, withPromisedDates } from './promise.js';
import { netChangeRequestItem } from '../mrp/netChangeRequest.js';
import { withPartnerNames } from '../labels.js';

/** Roles that see and handle every order; a sales rep only their own. */
const SEES_ALL = ['manager', 'admin', 'planner'] as const;
const HANDLES_ALL = ['manager', 'admin'] as const;

const seesAll = (s: Session) => s.roles.some((r) => (SEES_ALL as readonly string[]).includes(r));
const handlesAll = (s: Session) =>
  s.roles.some((r) => (HANDLES_ALL as readonly string[]).includes(r));

/** An order the caller may not see does not exist for them (404, never 403). */
async function load(deps: Deps, s: Session, no: string): Promise<SalesOrder> {
  const order = await salesOrderRepo(deps, s.tenant).get(no);
  if (!order || (!seesAll(s) && order.createdBy !== s.user)) throw notFound('salesOrder', no);
  return order;
}

/** Editing, submitting and cancelling: the rep who entered it, or a manager/admin. */
async function loadForChange(deps: Deps, s: Session, no: string): Promise<SalesOrder> {
  const order = await load(deps, s, no);
  if (!handlesAll(s) && order.createdBy !== s.user) throw notFound('salesOrder', no);
  if (order.origin !== 'entry') {
    throw new AppError(
      'salesOrder.invalidState',
      `销售订单 ${no} 由数据文件导入，不能在此修改、提交或取消`,
      { no, origin: order.origin },
    );
  }
  return order;
}

async function masterData(deps: Deps, tenant: string, customer: string, items: string[]) {
  const found = await getMasterRecords(deps, tenant, { partner: [customer], item: items });
  const partner = found.partner?.get(customer) as Partner | undefined;
  const info: CustomerInfo | undefined = partner && {
    code: partner.code,
    name: partner.name,
    isCustomer: partner.roles.includes('customer'),
    active: partner.active,
  };
  const itemInfo = new Map<string, SalesItemInfo>();
  for (const [code, raw] of found.item ?? []) {
    const i = raw as Item;
    itemInfo.set(code, {
      code,
      name: i.name,
      unit: i.unit,
      precision: i.precision,
      strategy: i.strategy,
      active: i.active,
    });
  }
  return { customer: info, items: itemInfo };
}

/**
 * Prices and checks the order's lines against the business day (a due date before it is
 * refused); every bad field is reported with its path (`path`: where the lines came from).
 */
async function priced(
  deps: Deps,
  tenant: string,
  no: string,
  customer: string,
  lines: SalesOrderLineInput[],
  path: (string | number)[] = ['body'],
) {
  const md = await masterData(
    deps,
    tenant,
    customer,
    lines.map((l) => l.item),
  );
  const today = shanghaiDate(deps.clock.now());
  const result = priceLines(
    no,
    { code: customer, info: md.customer },
    lines,
    md.items,
    today,
    path,
  );
  if (result.issues.length) throw invalidRequest(result.issues);
  return { lines: result.lines, ...result.totals, customerName: md.customer!.name };
}

export async function createSalesOrder(
  deps: Deps,
  s: Session,
  input: SalesOrderCreate,
  hooks: CommitHooks<SalesOrder> = {},
): Promise<SalesOrder> {
  const now = deps.clock.now();
  // Checked before a number is taken, so a refused order uses none; MTO lines then get it.
  const PENDING_NO = '#';
  const checked = await priced(deps, s.tenant, PENDING_NO, input.customer, input.lines);
  const no = await nextDocumentNumber(deps, s.tenant, 'SO', shanghaiDate(now));
  const p = {
    ...checked,
    lines: checked.lines.map((l) => (l.trackingNo === PENDING_NO ? { ...l, trackingNo: no } : l)),
  };
  const at = now.toISOString();
  const order: SalesOrder = {
    no,
    origin: 'entry',
    customer: input.customer,
    customerName: p.customerName,
    orderDate: input.orderDate ?? shanghaiDate(now),
    status: 'draft',
    ...(input.remark ? { remark: input.remark } : {}),
    lines: p.lines,
    total: p.total,
    tax: p.tax,
    totalWithTax: p.totalWithTax,
    version: 1,
    createdAt: at,
    createdBy: s.user,
    updatedAt: at,
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, order, [salesOrderRepo(deps, s.tenant).put(order, undefined)]),
  );
  return order;
}

function inputsOf(order: SalesOrder): SalesOrderLineInput[] {
  return order.lines.map((l) => ({
    item: l.item,
    qty: l.qty,
    unitPrice: l.unitPrice ?? '0',
    // Lines entered before VAT per line carry no rate: priced again, they get the default.
    ...(l.vatRate !== undefined ? { vatRate: l.vatRate } : {}),
    dueDate: l.dueDate,
    ...(l.promisedDate ? { promisedDate: l.promisedDate } : {}),
    ...(l.promiseSource ? { promiseSource: l.promiseSource } : {}),
    ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
    ...(l.note ? { note: l.note } : {}),
  }));
}

export async function updateSalesOrder(
  deps: Deps,
  s: Session,
  no: string,
  input: SalesOrderUpdate,
  hooks: CommitHooks<SalesOrder> = {},
): Promise<SalesOrder> {
  const order = await loadForChange(deps, s, no);
  if (order.version !== input.expectedVersion)
    throw versionConflict('salesOrder', no, input.expectedVersion);
  expectOrderStatus(no, order.status, 'edit');
  const customer = input.customer ?? order.customer;
  const p = await priced(deps, s.tenant, no, customer, input.lines ?? inputsOf(order));
  // A rejected order being put right is a draft again (its last approval stays linked).
  const { remark: _old, decidedAt: _decided, ...rest } = order;
  const remark = input.remark === undefined ? order.remark : (input.remark ?? undefined);
  const next: SalesOrder = {
    ...rest,
    status: 'draft',
    customer,
    customerName: p.customerName,
    ...(input.orderDate ? { orderDate: input.orderDate } : {}),
    ...(remark ? { remark } : {}),
    lines: p.lines,
    total: p.total,
    tax: p.tax,
    totalWithTax: p.totalWithTax,
    version: order.version + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, next, [salesOrderRepo(deps, s.tenant).put(next, order.version)]),
  );
  return next;
}

/** What approvals weigh: the amount including VAT (the total of orders entered before VAT). */
const approvalAmount = (order: SalesOrder) => order.totalWithTax ?? order.total;

function cardFields(order: SalesOrder) {
  const due = order.lines.map((l) => l.dueDate).sort()[0];
  return [
    { key: '单号', value: order.no },
    { key: '客户', value: order.customerName ?? order.customer },
    {
      key: order.totalWithTax ? '金额（含税）' : '金额',
      value: formatMoney(approvalAmount(order)),
    },
    { key: '行数', value: String(order.lines.length) },
    ...(due ? [{ key: '最早交期', value: due }] : []),
  ];
}

/**
 * Submits a draft, or a rejected order again: checked again against today's master data, then
 * the rules decide. No step applies: confirmed at once. Otherwise pending, with a new approval
 * created in the same transaction, its cards written to the outbox with it (a card that
 * cannot be delivered leaves the order pending, the failure recorded on the approval).
 */
export async function submitSalesOrder(
  deps: Deps,
  s: Session,
  no: string,
  input: SalesOrderSubmit,
  hooks: CommitHooks<SalesOrder> = {},
): Promise<SalesOrder> {
  const order = await loadForChange(deps, s, no);
  if (input.expectedVersion !== undefined && order.version !== input.expectedVersion)
    throw versionConflict('salesOrder', no, input.expectedVersion);
  expectOrderStatus(no, order.status, 'submit');
  // The stored lines are checked again: master data may have changed, a due date passed.
  const p = await priced(deps, s.tenant, no, order.customer, inputsOf(order), ['order']);
  // Each line keeps its promised date: the rep's, else the promise date computed now.
  const lines = await withPromisedDates(deps, s.tenant, p.lines);
  const at = deps.clock.now().toISOString();
  const { decidedAt: _decided, ...unsettled } = order;
  const checked: SalesOrder = {
    ...unsettled,
    customerName: p.customerName,
    lines,
    total: p.total,
    tax: p.tax,
    totalWithTax: p.totalWithTax,
    version: order.version + 1,
    updatedAt: at,
    updatedBy: s.user,
    submittedAt: at,
  };
  const repo = salesOrderRepo(deps, s.tenant);
  const subject = {
    docType: 'salesOrder' as const,
    docNo: no,
    fields: cardFields(checked),
    amount: approvalAmount(checked),
  };
  const steps = await stepsFor(deps, s.tenant, subject);
  if (steps.length === 0) {
    const confirmed: SalesOrder = { ...checked, status: 'confirmed', decidedAt: at };
    await deps.unitOfWork.commit(
      completing(hooks, confirmed, [
        repo.put(confirmed, order.version),
        confirmedNetChange(deps, s.tenant, confirmed, at),
      ]),
    );
    notePromisedDemand(s.tenant, confirmed);
    return confirmed;
  }
  const { approval, items } = await prepareApproval(deps, s, subject, steps);
  const pending: SalesOrder = { ...checked, status: 'pending', approvalId: approval.id };
  await deps.unitOfWork.commit(
    completing(hooks, pending, [repo.put(pending, order.version), ...items]),
  );
  return pending;
}

/**
 * Cancels a draft, pending or rejected order; a pending order's approval is cancelled with it.
 */
export async function cancelSalesOrder(
  deps: Deps,
  s: Session,
  no: string,
  input: SalesOrderCancel,
  hooks: CommitHooks<SalesOrder> = {},
): Promise<SalesOrder> {
  const order = await loadForChange(deps, s, no);
  if (input.expectedVersion !== undefined && order.version !== input.expectedVersion)
    throw versionConflict('salesOrder', no, input.expectedVersion);
  expectOrderStatus(no, order.status, 'cancel');
  const at = deps.clock.now().toISOString();
  const cancelled: SalesOrder = {
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
      salesOrderRepo(deps, s.tenant).put(cancelled, order.version),
      ...approval.items,
    ]),
  );
  return cancelled;
}

/**
 * Closes a confirmed order by hand (手工关闭) with a reason: what is not delivered is no longer
 * wanted, so it stops being demand for MRP (only confirmed orders are) and takes no task orders
 * from sales. The rep who entered it, or a manager/admin.
 */
export async function closeSalesOrder(
  deps: Deps,
  s: Session,
  no: string,
  input: SalesOrderClose,
  hooks: CommitHooks<SalesOrder> = {},
): Promise<SalesOrder> {
  const order = await loadForChange(deps, s, no);
  if (input.expectedVersion !== undefined && order.version !== input.expectedVersion)
    throw versionConflict('salesOrder', no, input.expectedVersion);
  expectOrderStatus(no, order.status, 'close');
  const at = deps.clock.now().toISOString();
  const closed: SalesOrder = {
    ...order,
    status: 'closed',
    closeReason: input.reason,
    closedAt: at,
    closedBy: s.user,
    version: order.version + 1,
    updatedAt: at,
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, closed, [salesOrderRepo(deps, s.tenant).put(closed, order.version)]),
  );
  return closed;
}

/** The approval finished: the pending order becomes confirmed or rejected, in its transaction. */
export async function finishSalesOrderApproval(
  deps: Deps,
  s: Session,
  approval: Approval,
  outcome: 'approved' | 'rejected',
): Promise<DocumentOutcome> {
  const repo = salesOrderRepo(deps, s.tenant);
  const order = await repo.get(approval.docNo);
  if (!order || order.status !== 'pending' || order.approvalId !== approval.id)
    throw alreadyDecided(approval);
  const next: SalesOrder = {
    ...order,
    status: outcome === 'approved' ? 'confirmed' : 'rejected',
    version: order.version + 1,
    decidedAt: approval.finishedAt!,
    updatedAt: approval.finishedAt!,
    updatedBy: s.user,
  };
  return {
    items: [
      repo.put(next, order.version, () => alreadyDecided(approval)),
      ...(outcome === 'approved'
        ? [confirmedNetChange(deps, s.tenant, next, next.decidedAt!)]
        : []),
    ],
    document: next,
  };
}

/** A confirmed order replans at once: a net-change request in the confirmation's transaction. */
function confirmedNetChange(deps: Deps, tenant: string, order: SalesOrder, at: string): TxItem {
  const cause = {
    id: `${order.no}v${order.version}`,
    summary: `销售订单 ${order.no} 已确认`,
    ref: { salesOrder: order.no },
  };
  return netChangeRequestItem(deps, tenant, cause, at);
}

/** Sales orders in the approval engine; registered at the composition root. */
export const salesOrderApproval: ApprovalDocumentHandler = {
  type: 'salesOrder',
  separateWork: false,
  finish: finishSalesOrderApproval,
};

export async function getSalesOrder(deps: Deps, s: Session, no: string): Promise<SalesOrder> {
  const order = await load(deps, s, no);
  return (await withPartnerNames(deps, s.tenant, [order], 'customer', 'customerName'))[0]!;
}

export async function listSalesOrders(
  deps: Deps,
  s: Session,
  q: SalesOrderListQuery,
): Promise<Page<SalesOrder>> {
  const page = await salesOrderRepo(deps, s.tenant).list({
    ...q,
    ...(seesAll(s) ? {} : { owner: s.user }),
  });
  // Imported orders carry the customer's code only: the list shows people the name.
  return {
    ...page,
    items: await withPartnerNames(deps, s.tenant, page.items, 'customer', 'customerName'),
  };
}
