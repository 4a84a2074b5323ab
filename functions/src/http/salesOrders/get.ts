import { httpRoute } from '../../middleware/route.js';
import { getSalesOrder } from '../../usecases/sales/orders.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'salesOrders.get',
  ({ deps, session, params }) => getSalesOrder(deps, session, params.no),
);
