import { httpRoute } from '../../middleware/route.js';
import { orderCostDetail } from '../../usecases/costing/report.js';

export const route = httpRoute<unknown, unknown, { period: string; order: string }>(
  'costing.order',
  ({ deps, session, params }) => orderCostDetail(deps, session, params.period, params.order),
);
