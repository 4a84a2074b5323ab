import type {
  Approval,
  ApprovalDecisionRequest,
  InboxEntry,
  Page,
  SalesOrder,
  SalesOrderCreate,
  SalesOrderProgress,
  SalesOrderStatus,
  SalesOrderUpdate,
  SalesPromise,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/** Sales orders and approvals over the API (contracts: shared/src/contracts/salesOrder.ts, approval.ts). */
export function createOrder(body: SalesOrderCreate, idempotencyKey?: string): Promise<SalesOrder> {
  return apiRequest({
    method: 'POST',
    path: '/api/sales-orders',
    body,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

export function updateOrder(
  no: string,
  body: SalesOrderUpdate,
  idempotencyKey?: string,
): Promise<SalesOrder> {
  return apiRequest({
    method: 'PATCH',
    path: `/api/sales-orders/${encodeURIComponent(no)}`,
    body,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

export function submitOrder(
  no: string,
  expectedVersion: number,
  idempotencyKey?: string,
): Promise<SalesOrder> {
  return apiRequest({
    method: 'POST',
    path: `/api/sales-orders/${encodeURIComponent(no)}/submit`,
    body: { expectedVersion },
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

export function cancelOrder(no: string, expectedVersion: number): Promise<SalesOrder> {
  return apiRequest({
    method: 'POST',
    path: `/api/sales-orders/${encodeURIComponent(no)}/cancel`,
    body: { expectedVersion },
  });
}

/** Closes a confirmed order by hand (手工关闭): what is not delivered is no longer wanted. */
export function closeOrder(
  no: string,
  expectedVersion: number,
  reason: string,
  idempotencyKey?: string,
): Promise<SalesOrder> {
  return apiRequest({
    method: 'POST',
    path: `/api/sales-orders/${encodeURIComponent(no)}/close`,
    body: { expectedVersion, reason },
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
}

/** Where the order stands per line (stock, task orders, purchase orders, delivered). */
export function getOrderProgress(no: string): Promise<SalesOrderProgress> {
  return apiRequest({
    method: 'GET',
    path: `/api/sales-orders/${encodeURIComponent(no)}/progress`,
  });
}

export function getOrder(no: string): Promise<SalesOrder> {
  return apiRequest({ method: 'GET', path: `/api/sales-orders/${encodeURIComponent(no)}` });
}

export function listOrders(status?: SalesOrderStatus, cursor?: string): Promise<Page<SalesOrder>> {
  return apiRequest({ method: 'GET', path: '/api/sales-orders', query: { status, cursor } });
}

export function inbox(state: 'pending' | 'decided'): Promise<Page<InboxEntry>> {
  return apiRequest({ method: 'GET', path: '/api/approvals/inbox', query: { state } });
}

export function getApproval(id: string): Promise<Approval> {
  return apiRequest({ method: 'GET', path: `/api/approvals/${encodeURIComponent(id)}` });
}

export function decide(
  id: string,
  approve: boolean,
  body: ApprovalDecisionRequest,
): Promise<Approval> {
  return apiRequest({
    method: 'POST',
    path: `/api/approvals/${encodeURIComponent(id)}/${approve ? 'approve' : 'reject'}`,
    body,
  });
}

/** The promise date (交期承诺) of a line as it is typed: from stock, open supply or lead times. */
export function getPromise(item: string, qty: string): Promise<SalesPromise> {
  return apiRequest({ method: 'GET', path: '/api/sales-orders/promise', query: { item, qty } });
}
