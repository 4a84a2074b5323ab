import type { OutsourcingOrderListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listOutsourcingOrders } from '../../usecases/outsourcing/orders.js';

export const route = httpRoute<unknown, OutsourcingOrderListQuery>(
  'outsourcingOrders.list',
  ({ deps, session, query }) => listOutsourcingOrders(deps, session, query),
);
