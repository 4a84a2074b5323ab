import { httpRoute } from '../../middleware/route.js';
import { shortagesDashboard } from '../../usecases/dashboard/shortages.js';

export const route = httpRoute('dashboard.shortages', ({ deps, session }) =>
  shortagesDashboard(deps, session),
);
