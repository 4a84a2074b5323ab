import type { PurchaseOrderUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { updatePurchaseOrder } from '../../usecases/purchasing/orders.js';

export const route = httpRoute<PurchaseOrderUpdate, unknown, { no: string }>(
  'purchaseOrders.update',
  ({ deps, session, params, body, hooks }) =>
    updatePurchaseOrder(deps, session, params.no, body, hooks()),
);
