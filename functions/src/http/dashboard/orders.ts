import type { DashboardPeriodQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { ordersDashboard } from '../../usecases/dashboard/orders.js';

export const route = httpRoute<unknown, DashboardPeriodQuery>(
  'dashboard.orders',
  ({ deps, session, query }) => ordersDashboard(deps, session, query),
);
