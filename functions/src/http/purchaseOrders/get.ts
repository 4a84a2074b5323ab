import { httpRoute } from '../../middleware/route.js';
import { getPurchaseOrder } from '../../usecases/purchasing/orders.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'purchaseOrders.get',
  ({ deps, session, params }) => getPurchaseOrder(deps, session, params.no),
);
