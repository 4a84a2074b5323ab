import type { SalesOrderUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { updateSalesOrder } from '../../usecases/sales/orders.js';

export const route = httpRoute<SalesOrderUpdate, unknown, { no: string }>(
  'salesOrders.update',
  ({ deps, session, params, body, hooks }) =>
    updateSalesOrder(deps, session, params.no, body, hooks()),
);
