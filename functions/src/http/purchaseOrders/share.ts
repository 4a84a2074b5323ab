import type { PurchaseOrderShareCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { sharePurchaseOrder } from '../../usecases/purchasing/share.js';

export const route = httpRoute<PurchaseOrderShareCreate, unknown, { no: string }>(
  'purchaseOrders.share',
  ({ deps, session, params, body }) => sharePurchaseOrder(deps, session, params.no, body),
);
