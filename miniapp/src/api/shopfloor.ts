import type {
  AssignableWorkers,
  Item,
  MergedPickRequest,
  Page,
  PickList,
  PickResult,
  ProductionReceipt,
  ProductionReceiptRequest,
  Supplementary,
  SupplementaryList,
  SupplementaryRequest,
  TaskIssueRequest,
  TaskOrderView,
  TaskReturnRequest,
  WorkReportList,
  WorkReportRequest,
  WorkReportResult,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/**
 * Shop floor over the API (contracts: shared/src/contracts/shopfloor.ts, stock.ts). Every
 * mutation takes the submit's Idempotency-Key (lib/submitKey): a retry after a timeout sends
 * the same key, so the server posts it at most once.
 */

/** A task order's progress (qty, received, reported good / scrap, issued) and its reports. */
export function taskOrderProgress(no: string): Promise<WorkReportList> {
  return apiRequest({ method: 'GET', path: '/api/work-reports', query: { taskOrder: no } });
}

export function getItem(code: string): Promise<Item> {
  return apiRequest({ method: 'GET', path: `/api/items/${encodeURIComponent(code)}` });
}

/**
 * The item master entries of these codes, each read once. One that cannot be read is left
 * out: the pages then label the item by its code.
 */
export async function itemsByCode(codes: readonly string[]): Promise<Record<string, Item>> {
  const found = await Promise.all(
    [...new Set(codes)].map((c) => getItem(c).catch(() => undefined)),
  );
  return Object.fromEntries(found.filter((i) => !!i).map((i) => [i.code, i]));
}

export function reportWork(body: WorkReportRequest, idempotencyKey: string) {
  return apiRequest<WorkReportResult>({
    method: 'POST',
    path: '/api/work-reports',
    body,
    idempotencyKey,
  });
}

export function receiveProduction(body: ProductionReceiptRequest, idempotencyKey: string) {
  return apiRequest<ProductionReceipt>({
    method: 'POST',
    path: '/api/production-receipts',
    body,
    idempotencyKey,
  });
}

/**
 * The pick list of one task order or several (merged): remaining hand-issued needs per item
 * and warehouse with each order's share and the stock; for one order also the kit sets stock
 * allows. `phantom`: only the needs under that phantom (skip-level).
 */
export function pickList(orders: string | string[], phantom?: string): Promise<PickList> {
  return apiRequest({
    method: 'GET',
    path: '/api/picking/pick-list',
    query: { orders: Array.isArray(orders) ? orders.join(',') : orders, phantom },
  });
}

/** One task order with its needs (the phantoms they came through). */
export function getTaskOrder(no: string): Promise<TaskOrderView> {
  return apiRequest({ method: 'GET', path: `/api/task-orders/${encodeURIComponent(no)}` });
}

/** Merged picking: every remaining need of the orders in one stock document, each share to its order. */
export function mergedPick(body: MergedPickRequest, idempotencyKey: string) {
  return apiRequest<PickResult>({
    method: 'POST',
    path: '/api/picking/merged',
    body,
    idempotencyKey,
  });
}

/** An issue to the task order (its issued figures move with the stock, in one transaction). */
export function issueToTaskOrder(no: string, body: TaskIssueRequest, idempotencyKey: string) {
  return apiRequest<PickResult>({
    method: 'POST',
    path: `/api/task-orders/${encodeURIComponent(no)}/issues`,
    body,
    idempotencyKey,
  });
}

/** Task orders in priority order (1 most urgent), then by due date, as the server sorts them. */
export function listTaskOrders(limit = 50, assignee?: string): Promise<Page<TaskOrderView>> {
  return apiRequest({
    method: 'GET',
    path: '/api/task-orders',
    query: { limit: String(limit), ...(assignee ? { assignee } : {}) },
  });
}

/** Who a task order is assigned to: the whole list (empty: every worker sees it). */
export function assignTaskOrder(no: string, assignees: string[], idempotencyKey: string) {
  return apiRequest<TaskOrderView>({
    method: 'PUT',
    path: `/api/task-orders/${encodeURIComponent(no)}/assignees`,
    body: { assignees },
    idempotencyKey,
  });
}

/** The workers a task order may be assigned to. */
export function assignableWorkers(): Promise<AssignableWorkers> {
  return apiRequest({ method: 'GET', path: '/api/task-order-assignees' });
}

/** A return from the task order to stock (422 issue.overReturn above what it was issued). */
export function returnFromTaskOrder(no: string, body: TaskReturnRequest, idempotencyKey: string) {
  return apiRequest<PickResult>({
    method: 'POST',
    path: `/api/task-orders/${encodeURIComponent(no)}/returns`,
    body,
    idempotencyKey,
  });
}

/** A supplementary issue (补料) with its reason: pending its approval, posted when approved. */
export function requestSupplementary(
  no: string,
  body: SupplementaryRequest,
  idempotencyKey: string,
) {
  return apiRequest<Supplementary>({
    method: 'POST',
    path: `/api/task-orders/${encodeURIComponent(no)}/supplementary`,
    body,
    idempotencyKey,
  });
}

/** A task order's supplementary issue requests, newest first, with where each ended. */
export function listSupplementary(no: string): Promise<SupplementaryList> {
  return apiRequest({
    method: 'GET',
    path: `/api/task-orders/${encodeURIComponent(no)}/supplementary`,
  });
}
