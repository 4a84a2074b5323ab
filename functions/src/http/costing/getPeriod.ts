import { httpRoute } from '../../middleware/route.js';
import { getPeriod } from '../../usecases/costing/periods.js';

export const route = httpRoute<unknown, unknown, { period: string }>(
  'costing.getPeriod',
  ({ deps, session, params }) => getPeriod(deps, session, params.period),
);
