import type {
  OutsourcingOrder,
  OutsourcingOrderStatus,
  OutsourcingReceipt,
  OutsourcingReceiptCreate,
  OutsourcingSendCreate,
  OutsourcingTransfer,
  Page,
  PriceListEntry,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/**
 * Outsourcing over the API (shared/src/api/routes/outsourcing.ts; processing prices in
 * purchasing.ts). Every mutation takes the submit's Idempotency-Key (lib/submitKey).
 */
export function listOutsourcingOrders(query: {
  status?: OutsourcingOrderStatus;
  subcontractor?: string;
  item?: string;
  cursor?: string;
  limit?: number;
}): Promise<Page<OutsourcingOrder>> {
  return apiRequest({ method: 'GET', path: '/api/outsourcing-orders', query });
}

/** One order with its needs (required, sent, at the subcontractor, consumed) and documents. */
export function getOutsourcingOrder(no: string): Promise<OutsourcingOrder> {
  return apiRequest({ method: 'GET', path: `/api/outsourcing-orders/${encodeURIComponent(no)}` });
}

/** The subcontractor's processing price entries (委外价格政策) for an item. */
export function outsourcingPrices(
  subcontractor: string,
  item: string,
): Promise<Page<PriceListEntry>> {
  return apiRequest({
    method: 'GET',
    path: '/api/outsourcing-prices',
    query: { supplier: subcontractor, item, limit: 200 },
  });
}

/** 委外发料: one transfer document into the subcontractor's warehouse. */
export function sendToSubcontractor(
  no: string,
  body: OutsourcingSendCreate,
  idempotencyKey: string,
): Promise<OutsourcingTransfer> {
  return apiRequest({
    method: 'POST',
    path: `/api/outsourcing-orders/${encodeURIComponent(no)}/sends`,
    body,
    idempotencyKey,
  });
}

/** 委外入库: the product in, the needs consumed at the subcontractor, the fee accrued. */
export function receiveFromSubcontractor(
  body: OutsourcingReceiptCreate,
  idempotencyKey: string,
): Promise<OutsourcingReceipt> {
  return apiRequest({ method: 'POST', path: '/api/outsourcing-receipts', body, idempotencyKey });
}
