import { httpRoute } from '../../middleware/route.js';
import { getOutsourcingOrder } from '../../usecases/outsourcing/orders.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'outsourcingOrders.get',
  ({ deps, session, params }) => getOutsourcingOrder(deps, session, params.no),
);
