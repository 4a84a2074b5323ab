import type { TaskOrderListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listTaskOrders } from '../../usecases/taskOrders/orders.js';

export const route = httpRoute<unknown, TaskOrderListQuery>(
  'taskOrders.list',
  ({ deps, session, query }) => listTaskOrders(deps, session, query),
);
