import { httpRoute } from '../../middleware/route.js';
import { withItemNames } from '../../usecases/labels.js';
import { getSalesOrder } from '../../usecases/sales/orders.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'salesOrders.get',
  async ({ deps, session, params }) =>
    withItemNames(deps, session.tenant, await getSalesOrder(deps, session, params.no)),
);
