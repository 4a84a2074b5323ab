import type { TaskOrderTransition } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { closeTaskOrder } from '../../usecases/taskOrders/orders.js';

export const handler = httpRoute<TaskOrderTransition, unknown, { no: string }>(
  'taskOrders.close',
  ({ deps, session, params, body }) => closeTaskOrder(deps, session, params.no, body),
);
