import type { SalesOrderListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listSalesOrders } from '../../usecases/sales/orders.js';

export const route = httpRoute<unknown, SalesOrderListQuery>(
  'salesOrders.list',
  ({ deps, session, query }) => listSalesOrders(deps, session, query),
);
