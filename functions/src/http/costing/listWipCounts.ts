import { httpRoute } from '../../middleware/route.js';
import { listWipCounts } from '../../usecases/costing/setup.js';

export const route = httpRoute<unknown, unknown, { period: string }>(
  'costing.listWipCounts',
  ({ deps, session, params }) => listWipCounts(deps, session, params.period),
);
