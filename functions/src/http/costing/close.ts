import { httpRoute } from '../../middleware/route.js';
import { closePeriod } from '../../usecases/costing/periods.js';

export const route = httpRoute<unknown, unknown, { period: string }>(
  'costing.close',
  ({ deps, session, params, hooks }) => closePeriod(deps, session, params.period, hooks()),
);
