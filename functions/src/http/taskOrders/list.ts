import type { TaskOrderListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listTaskOrderViews } from '../../usecases/taskOrders/views.js';

export const route = httpRoute<unknown, TaskOrderListQuery>(
  'taskOrders.list',
  ({ deps, session, query }) => listTaskOrderViews(deps, session, query),
);
