import type {
  CostingPeriodRecord,
  CostPoolDefinition,
  CostReport,
  Item,
  OrderCostDetail,
  ProductTrend,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/** Monthly costing (成本核算) over the API (shared/src/api/routes/costing.ts). */

const periodPath = (period: string) => `/api/costing/periods/${encodeURIComponent(period)}`;

/** Periods costed or closed, newest first, each with its latest run. */
export function listPeriods(): Promise<CostingPeriodRecord[]> {
  return apiRequest({ method: 'GET', path: '/api/costing/periods' });
}

/** A period (open when never costed) and its latest run with its progress. */
export function getPeriod(period: string): Promise<CostingPeriodRecord> {
  return apiRequest({ method: 'GET', path: periodPath(period) });
}

/** Starts costing the period (202): poll getPeriod until the run is no longer running. */
export function startCosting(period: string): Promise<CostingPeriodRecord> {
  return apiRequest({ method: 'POST', path: `${periodPath(period)}/runs` });
}

export function closePeriod(period: string): Promise<CostingPeriodRecord> {
  return apiRequest({ method: 'POST', path: `${periodPath(period)}/close` });
}

export function reopenPeriod(period: string): Promise<CostingPeriodRecord> {
  return apiRequest({ method: 'POST', path: `${periodPath(period)}/reopen` });
}

export function getReport(period: string): Promise<CostReport> {
  return apiRequest({ method: 'GET', path: `${periodPath(period)}/report` });
}

export function getOrderCost(period: string, order: string): Promise<OrderCostDetail> {
  return apiRequest({
    method: 'GET',
    path: `${periodPath(period)}/orders/${encodeURIComponent(order)}`,
  });
}

export function productTrend(query: {
  from: string;
  to: string;
  item?: string;
}): Promise<ProductTrend> {
  return apiRequest({ method: 'GET', path: '/api/costing/products', query });
}

export function listPools(): Promise<CostPoolDefinition[]> {
  return apiRequest({ method: 'GET', path: '/api/costing/pools' });
}

/** One item's master record (its name and unit), undefined when it cannot be read. */
export function getItem(code: string): Promise<Item | undefined> {
  return apiRequest<Item>({ method: 'GET', path: `/api/items/${encodeURIComponent(code)}` }).catch(
    () => undefined,
  );
}

export type ItemInfo = { unit: string; name: string };
const infoCache = new Map<string, ItemInfo>();

/** The names and units of these items, read once per item and kept. */
export async function itemInfo(codes: readonly string[]): Promise<Map<string, ItemInfo>> {
  const missing = [...new Set(codes)].filter((c) => !infoCache.has(c)).slice(0, 200);
  const found = await Promise.all(missing.map((c) => getItem(c)));
  found.forEach((item, i) => {
    if (item) infoCache.set(missing[i]!, { unit: item.unit, name: item.name });
  });
  return new Map(infoCache);
}
