import { httpRoute } from '../../middleware/route.js';
import { listExpenses } from '../../usecases/costing/setup.js';

export const route = httpRoute<unknown, { pool?: string }, { period: string }>(
  'costing.listExpenses',
  ({ deps, session, params, query }) => listExpenses(deps, session, params.period, query.pool),
);
