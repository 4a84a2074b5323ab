import type { ReworkCreate, TaskOrder } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createRework } from '../../usecases/taskOrders/rework.js';

export const route = httpRoute<ReworkCreate>(
  'taskOrders.createRework',
  ({ deps, session, body, hooks }) => createRework(deps, session, body, hooks<TaskOrder>()),
);
