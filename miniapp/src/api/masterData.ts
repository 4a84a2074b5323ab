import type { Balance, Item, Page, Partner, Warehouse } from '@factory/shared';
import { apiRequest } from '../platform/request';

/** Master data and stock inquiry over the API (routes in shared/src/api/routes.ts). */
export function listItems(q: string, limit = 20): Promise<Page<Item>> {
  return apiRequest({ method: 'GET', path: '/api/items', query: { q, limit } });
}

/** Items that may be sold (允许销售) matching q: what a sales order line may name. */
export function listSellableItems(q: string, limit = 20): Promise<Page<Item>> {
  return apiRequest({
    method: 'GET',
    path: '/api/items',
    query: { q, limit, sellable: 'true' },
  });
}

export function listPartners(q: string, limit = 20): Promise<Page<Partner>> {
  return apiRequest({ method: 'GET', path: '/api/partners', query: { q, limit } });
}

/** Customers matching q (partners whose roles include customer). */
export async function searchCustomers(q: string): Promise<Partner[]> {
  const page = await listPartners(q, 50);
  return page.items.filter((p) => p.active && p.roles.includes('customer'));
}

export function listWarehouses(): Promise<Page<Warehouse>> {
  return apiRequest({ method: 'GET', path: '/api/warehouses', query: { limit: 200 } });
}

/**
 * The warehouses whose location labels the shop-floor pages check; none when they cannot be
 * read (a location scan is then checked as an item, and refused).
 */
export function scanLocations(): Promise<Warehouse[]> {
  return listWarehouses().then(
    (page) => page.items,
    () => [],
  );
}

export function stockBalances(query: {
  item?: string;
  warehouse?: string;
}): Promise<Page<Balance>> {
  return apiRequest({ method: 'GET', path: '/api/stock/balances', query });
}
