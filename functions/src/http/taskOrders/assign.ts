import type { TaskOrderAssign } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { assignTaskOrder } from '../../usecases/taskOrders/assignees.js';

export const route = httpRoute<TaskOrderAssign, unknown, { no: string }>(
  'taskOrders.assign',
  ({ deps, session, params, body, hooks }) =>
    assignTaskOrder(deps, session, params.no, body, hooks()),
);
