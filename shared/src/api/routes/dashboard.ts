import type { Role } from '../../contracts/auth.js';
import {
  zCostSummary,
  zDashboardPeriodQuery,
  zDashboardRangeQuery,
  zOrdersChart,
  zProductionSummary,
  zQualityChart,
  zShortageSummary,
} from '../../contracts/dashboard.js';
import type { RouteContract } from './common.js';

/** Management reads the whole dashboard; admins too. */
export const DASHBOARD_VIEWERS: readonly Role[] = ['manager', 'admin'];
/** Sales also sees the orders chart (its own trade, nothing of cost or the shop floor). */
export const DASHBOARD_ORDER_VIEWERS: readonly Role[] = ['manager', 'admin', 'sales'];
/** Finance (cost) also sees the cost chart, which is its own report. */
export const DASHBOARD_COST_VIEWERS: readonly Role[] = ['manager', 'admin', 'cost'];

/**
 * The manager's dashboard (经营看板, issue 16 deliverable 4; docs/dashboard.md): an area of its
 * own, because it reads many areas' records and must not grow another area's bundle. Each
 * answer lists the documents behind each number (the drill-down).
 */
export const dashboardAreaRoutes: readonly RouteContract[] = [
  {
    id: 'dashboard.orders',
    method: 'GET',
    path: '/api/dashboard/orders',
    summary:
      'Orders booked (confirmed sales orders by order date) and delivered (deliveries by date, at their order prices) per ISO week or month, with the documents',
    tag: 'dashboard',
    auth: DASHBOARD_ORDER_VIEWERS,
    query: zDashboardPeriodQuery,
    response: zOrdersChart,
    status: 200,
  },
  {
    id: 'dashboard.production',
    method: 'GET',
    path: '/api/dashboard/production',
    summary:
      'Task orders open, late (due before today, not done) and completed in a range (default: this month), with the orders',
    tag: 'dashboard',
    auth: DASHBOARD_VIEWERS,
    query: zDashboardRangeQuery,
    response: zProductionSummary,
    status: 200,
  },
  {
    id: 'dashboard.shortages',
    method: 'GET',
    path: '/api/dashboard/shortages',
    summary: "Items short for open task orders (today's shortage analysis), largest first",
    tag: 'dashboard',
    auth: DASHBOARD_VIEWERS,
    response: zShortageSummary,
    status: 200,
  },
  {
    id: 'dashboard.quality',
    method: 'GET',
    path: '/api/dashboard/quality',
    summary:
      'Pass rate (accepted ÷ inspected) of inspection results per ISO week or month, with the inspections',
    tag: 'dashboard',
    auth: DASHBOARD_VIEWERS,
    query: zDashboardPeriodQuery,
    response: zQualityChart,
    status: 200,
  },
  {
    id: 'dashboard.cost',
    method: 'GET',
    path: '/api/dashboard/cost',
    summary:
      'Cost per product and gross margin of the latest costed period (period null when none is costed yet)',
    tag: 'dashboard',
    auth: DASHBOARD_COST_VIEWERS,
    response: zCostSummary,
    status: 200,
  },
];
