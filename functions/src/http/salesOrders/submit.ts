import type { SalesOrderSubmit } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { submitSalesOrder } from '../../usecases/sales/orders.js';

export const route = httpRoute<SalesOrderSubmit, unknown, { no: string }>(
  'salesOrders.submit',
  ({ deps, session, params, body, hooks }) =>
    submitSalesOrder(deps, session, params.no, body, hooks()),
);
