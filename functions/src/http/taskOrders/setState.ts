import type { TaskOrderTransition } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { setTaskOrderState } from '../../usecases/taskOrders/orders.js';

export const route = httpRoute<TaskOrderTransition, unknown, { no: string }>(
  'taskOrders.setState',
  ({ deps, session, params, body, hooks }) =>
    setTaskOrderState(deps, session, params.no, body, hooks()),
);
