import type { PurchaseReturn, PurchaseReturnCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { returnToSupplier } from '../../usecases/purchasing/returns.js';

export const route = httpRoute<PurchaseReturnCreate, unknown, { no: string }>(
  'purchaseOrders.createReturn',
  ({ deps, session, params, body, hooks }) =>
    returnToSupplier(deps, session, params.no, body, hooks<PurchaseReturn>()),
);
