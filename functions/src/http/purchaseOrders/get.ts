import { httpRoute } from '../../middleware/route.js';
import { withItemNames } from '../../usecases/labels.js';
import { getPurchaseOrder } from '../../usecases/purchasing/orders.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'purchaseOrders.get',
  async ({ deps, session, params }) =>
    withItemNames(deps, session.tenant, await getPurchaseOrder(deps, session, params.no)),
);
