import { httpRoute } from '../../middleware/route.js';
import { listSupplementary } from '../../usecases/taskOrders/supplementary.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'picking.supplementaryList',
  ({ deps, session, params }) => listSupplementary(deps, session, params.no),
);
