import type { PickResult, TaskIssueRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { issueToOrder } from '../../usecases/taskOrders/picking.js';

export const route = httpRoute<TaskIssueRequest, unknown, { no: string }>(
  'picking.issue',
  ({ deps, session, params, body, hooks }) =>
    issueToOrder(deps, session, params.no, body, hooks<PickResult>()),
);
