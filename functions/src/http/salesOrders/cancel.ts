import type { SalesOrderCancel } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { cancelSalesOrder } from '../../usecases/sales/orders.js';

export const route = httpRoute<SalesOrderCancel, unknown, { no: string }>(
  'salesOrders.cancel',
  ({ deps, session, params, body, hooks }) =>
    cancelSalesOrder(deps, session, params.no, body, hooks()),
);
