import type { DashboardPeriodQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { qualityDashboard } from '../../usecases/dashboard/quality.js';

export const route = httpRoute<unknown, DashboardPeriodQuery>(
  'dashboard.quality',
  ({ deps, session, query }) => qualityDashboard(deps, session, query),
);
