import type { SalesOrderClose } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { closeSalesOrder } from '../../usecases/sales/orders.js';

export const route = httpRoute<SalesOrderClose, unknown, { no: string }>(
  'salesOrders.close',
  ({ deps, session, params, body, hooks }) =>
    closeSalesOrder(deps, session, params.no, body, hooks()),
);
