import type { TaskOrderTransition } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { releaseTaskOrder } from '../../usecases/taskOrders/orders.js';

export const handler = httpRoute<TaskOrderTransition, unknown, { no: string }>(
  'taskOrders.release',
  ({ deps, session, params, body }) => releaseTaskOrder(deps, session, params.no, body),
);
