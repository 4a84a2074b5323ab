import type { Deliverables, Delivery, DeliveryCreate, DeliveryShare } from '@factory/shared';
import { apiRequest } from '../platform/request';

/** Deliveries over the API (contracts: shared/src/contracts/delivery.ts). */

/** What is left to ship to a customer: open lines of its confirmed orders. */
export function deliverables(customer: string): Promise<Deliverables> {
  return apiRequest({ method: 'GET', path: '/api/delivery-lines', query: { customer } });
}

export function createDelivery(body: DeliveryCreate, idempotencyKey: string): Promise<Delivery> {
  return apiRequest({ method: 'POST', path: '/api/deliveries', body, idempotencyKey });
}

export function shareDelivery(no: string, idempotencyKey: string): Promise<DeliveryShare> {
  return apiRequest({
    method: 'POST',
    path: `/api/deliveries/${encodeURIComponent(no)}/share`,
    body: {},
    idempotencyKey,
  });
}
