import type {
  CostSummary,
  OrdersChart,
  ProductionSummary,
  QualityChart,
  ShortageSummary,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/** The manager's dashboard (shared/src/api/routes/dashboard.ts; docs/dashboard.md). */

export type PeriodQuery = { by: 'week' | 'month'; from?: string; to?: string };

export const ordersChart = (query: PeriodQuery): Promise<OrdersChart> =>
  apiRequest({ method: 'GET', path: '/api/dashboard/orders', query });

export const productionSummary = (query: { from?: string; to?: string } = {}) =>
  apiRequest<ProductionSummary>({ method: 'GET', path: '/api/dashboard/production', query });

export const shortageSummary = (): Promise<ShortageSummary> =>
  apiRequest({ method: 'GET', path: '/api/dashboard/shortages' });

export const qualityChart = (query: PeriodQuery): Promise<QualityChart> =>
  apiRequest({ method: 'GET', path: '/api/dashboard/quality', query });

export const costSummary = (): Promise<CostSummary> =>
  apiRequest({ method: 'GET', path: '/api/dashboard/cost' });
