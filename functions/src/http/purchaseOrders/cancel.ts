import type { PurchaseOrderCancel } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { cancelPurchaseOrder } from '../../usecases/purchasing/orders.js';

export const route = httpRoute<PurchaseOrderCancel, unknown, { no: string }>(
  'purchaseOrders.cancel',
  ({ deps, session, params, body, hooks }) =>
    cancelPurchaseOrder(deps, session, params.no, body, hooks()),
);
