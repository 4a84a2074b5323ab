import type { PurchaseOrderLineClose } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { closePurchaseOrderLine } from '../../usecases/purchasing/orders.js';

export const route = httpRoute<PurchaseOrderLineClose, unknown, { no: string; line: number }>(
  'purchaseOrders.closeLine',
  ({ deps, session, params, body, hooks }) =>
    closePurchaseOrderLine(deps, session, params.no, params.line, body, hooks()),
);
