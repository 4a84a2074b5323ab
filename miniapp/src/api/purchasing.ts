import type {
  Page,
  Partner,
  PriceListEntry,
  PurchaseOrder,
  PurchaseOrderCreate,
  PurchaseOrderShare,
  PurchaseOrderStatus,
  PurchaseReceipt,
  PurchaseReceiptRequest,
  Unit,
} from '@factory/shared';
import { apiRequest } from '../platform/request';
import { listPartners } from './masterData';

/** Purchase orders, price lists and purchase receipts over the API (shared/src/api/routes/purchasing.ts). */
export function createPurchaseOrder(
  body: PurchaseOrderCreate,
  idempotencyKey: string,
): Promise<PurchaseOrder> {
  return apiRequest({ method: 'POST', path: '/api/purchase-orders', body, idempotencyKey });
}

export function submitPurchaseOrder(
  no: string,
  expectedVersion: number,
  idempotencyKey: string,
): Promise<PurchaseOrder> {
  return apiRequest({
    method: 'POST',
    path: `/api/purchase-orders/${encodeURIComponent(no)}/submit`,
    body: { expectedVersion },
    idempotencyKey,
  });
}

export function getPurchaseOrder(no: string): Promise<PurchaseOrder> {
  return apiRequest({ method: 'GET', path: `/api/purchase-orders/${encodeURIComponent(no)}` });
}

export function listPurchaseOrders(query: {
  status?: PurchaseOrderStatus;
  q?: string;
  item?: string;
  cursor?: string;
  limit?: number;
}): Promise<Page<PurchaseOrder>> {
  return apiRequest({ method: 'GET', path: '/api/purchase-orders', query });
}

export function sharePurchaseOrder(
  no: string,
  idempotencyKey: string,
): Promise<PurchaseOrderShare> {
  return apiRequest({
    method: 'POST',
    path: `/api/purchase-orders/${encodeURIComponent(no)}/share`,
    body: {},
    idempotencyKey,
  });
}

export function priceListOf(supplier: string, item: string): Promise<Page<PriceListEntry>> {
  return apiRequest({
    method: 'GET',
    path: '/api/price-lists',
    query: { supplier, item, limit: 200 },
  });
}

export function receivePurchase(
  body: PurchaseReceiptRequest,
  idempotencyKey: string,
): Promise<PurchaseReceipt> {
  return apiRequest({ method: 'POST', path: '/api/purchase-receipts', body, idempotencyKey });
}

/** Suppliers matching q (partners whose roles include supplier). */
export async function searchSuppliers(q: string): Promise<Partner[]> {
  const page = await listPartners(q, 50);
  return page.items.filter((p) => p.active && p.roles.includes('supplier'));
}

/** Unit code -> name ("kg" -> "千克"), so lines never show a bare unit code. */
export async function unitNames(): Promise<Map<string, string>> {
  const page = await apiRequest<Page<Unit>>({
    method: 'GET',
    path: '/api/units',
    query: { limit: 200 },
  });
  return new Map(page.items.map((u) => [u.code, u.name]));
}
