import { httpRoute } from '../../middleware/route.js';
import { costDashboard } from '../../usecases/dashboard/cost.js';

export const route = httpRoute('dashboard.cost', ({ deps, session }) =>
  costDashboard(deps, session),
);
