import { httpRoute } from '../../middleware/route.js';
import { getSupplementary } from '../../usecases/taskOrders/supplementary.js';

export const handler = httpRoute<unknown, unknown, { no: string }>(
  'picking.getSupplementary',
  ({ deps, session, params }) => getSupplementary(deps, session, params.no),
);
