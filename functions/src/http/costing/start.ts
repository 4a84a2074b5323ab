import { httpRoute } from '../../middleware/route.js';
import { startCosting } from '../../usecases/costing/periods.js';

export const route = httpRoute<unknown, unknown, { period: string }>(
  'costing.start',
  ({ deps, session, params, hooks }) => startCosting(deps, session, params.period, hooks()),
);
