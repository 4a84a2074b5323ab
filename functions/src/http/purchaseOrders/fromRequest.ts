import type { PurchaseOrderFromRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { purchaseOrderFromRequest } from '../../usecases/purchasing/fromRequest.js';

export const route = httpRoute<PurchaseOrderFromRequest>(
  'purchaseOrders.fromRequest',
  ({ deps, session, body, hooks }) => purchaseOrderFromRequest(deps, session, body, hooks()),
);
