import { httpRoute } from '../../middleware/route.js';
import { reopenPeriod } from '../../usecases/costing/periods.js';

export const route = httpRoute<unknown, unknown, { period: string }>(
  'costing.reopen',
  ({ deps, session, params, hooks }) => reopenPeriod(deps, session, params.period, hooks()),
);
