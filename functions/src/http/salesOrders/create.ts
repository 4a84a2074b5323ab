import type { SalesOrderCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createSalesOrder } from '../../usecases/sales/orders.js';

export const route = httpRoute<SalesOrderCreate>(
  'salesOrders.create',
  ({ deps, session, body, hooks }) => createSalesOrder(deps, session, body, hooks()),
);
