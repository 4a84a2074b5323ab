import { httpRoute } from '../../middleware/route.js';
import { setWipCount } from '../../usecases/costing/setup.js';

export const route = httpRoute<{ qty: string }, unknown, { period: string; order: string }>(
  'costing.setWipCount',
  ({ deps, session, params, body, hooks }) =>
    setWipCount(deps, session, params.period, params.order, body, hooks()),
);
