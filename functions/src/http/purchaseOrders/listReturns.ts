import { httpRoute } from '../../middleware/route.js';
import { listPurchaseReturns } from '../../usecases/purchasing/returns.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'purchaseOrders.listReturns',
  ({ deps, session, params }) => listPurchaseReturns(deps, session, params.no),
);
