import { httpRoute } from '../../middleware/route.js';
import { getTaskOrder } from '../../usecases/taskOrders/orders.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'taskOrders.get',
  ({ deps, session, params }) => getTaskOrder(deps, session, params.no),
);
