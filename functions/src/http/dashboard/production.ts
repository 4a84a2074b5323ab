import type { DashboardRangeQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { productionDashboard } from '../../usecases/dashboard/production.js';

export const route = httpRoute<unknown, DashboardRangeQuery>(
  'dashboard.production',
  ({ deps, session, query }) => productionDashboard(deps, session, query),
);
