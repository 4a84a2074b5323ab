import type { PurchaseOrderListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listPurchaseOrders } from '../../usecases/purchasing/orders.js';

export const route = httpRoute<unknown, PurchaseOrderListQuery>(
  'purchaseOrders.list',
  ({ deps, session, query }) => listPurchaseOrders(deps, session, query),
);
