import type { PurchaseOrderSubmit } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { submitPurchaseOrder } from '../../usecases/purchasing/orders.js';

export const route = httpRoute<PurchaseOrderSubmit, unknown, { no: string }>(
  'purchaseOrders.submit',
  ({ deps, session, params, body, hooks }) =>
    submitPurchaseOrder(deps, session, params.no, body, hooks()),
);
