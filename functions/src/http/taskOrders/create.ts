import type { TaskOrderCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createTaskOrder } from '../../usecases/taskOrders/orders.js';

export const route = httpRoute<TaskOrderCreate>(
  'taskOrders.create',
  ({ deps, session, body, hooks }) => createTaskOrder(deps, session, body, hooks()),
);
