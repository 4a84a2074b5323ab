import type { PickResult, TaskReturnRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { returnFromOrder } from '../../usecases/taskOrders/picking.js';

export const route = httpRoute<TaskReturnRequest, unknown, { no: string }>(
  'picking.return',
  ({ deps, session, params, body, hooks }) =>
    returnFromOrder(deps, session, params.no, body, hooks<PickResult>()),
);
