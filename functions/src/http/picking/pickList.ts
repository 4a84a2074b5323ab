import { httpRoute } from '../../middleware/route.js';
import { pickList } from '../../usecases/taskOrders/picking.js';

export const handler = httpRoute<unknown, { phantom?: string }, { no: string }>(
  'picking.pickList',
  ({ deps, session, params, query }) => pickList(deps, session, params.no, query.phantom),
);
