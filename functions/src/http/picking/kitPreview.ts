import { httpRoute } from '../../middleware/route.js';
import { kitPreview } from '../../usecases/taskOrders/picking.js';

export const handler = httpRoute<unknown, { phantom?: string }, { no: string }>(
  'picking.kitPreview',
  ({ deps, session, params, query }) => kitPreview(deps, session, params.no, query.phantom),
);
