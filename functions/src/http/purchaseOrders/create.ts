import type { PurchaseOrderCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createPurchaseOrder } from '../../usecases/purchasing/orders.js';

export const route = httpRoute<PurchaseOrderCreate>(
  'purchaseOrders.create',
  ({ deps, session, body, hooks }) => createPurchaseOrder(deps, session, body, hooks()),
);
