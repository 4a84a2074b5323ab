import type { Deliverables, Delivery, DeliveryCreate, DeliveryShare } from '@factory/shared';
import { loadConfig } from '../platform/config';
import { apiRequest, buildUrl } from '../platform/request';

/** Deliveries over the API (contracts: shared/src/contracts/delivery.ts). */

/** What is left to ship to a customer: open lines of its confirmed orders. */
export function deliverables(customer: string): Promise<Deliverables> {
  return apiRequest({ method: 'GET', path: '/api/delivery-lines', query: { customer } });
}

export function createDelivery(body: DeliveryCreate, idempotencyKey: string): Promise<Delivery> {
  return apiRequest({ method: 'POST', path: '/api/deliveries', body, idempotencyKey });
}

/** A link to the printable delivery note (no login, expires in 7 days), as a full URL. */
export async function shareDelivery(
  no: string,
  idempotencyKey: string,
): Promise<DeliveryShare & { url: string }> {
  const share = await apiRequest<DeliveryShare>({
    method: 'POST',
    path: `/api/deliveries/${encodeURIComponent(no)}/share`,
    body: {},
    idempotencyKey,
  });
  const config = await loadConfig();
  return { ...share, url: buildUrl(config.apiBaseUrl, share.path) };
}
