import type { KitIssueRequest, PickResult } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { kitIssue } from '../../usecases/taskOrders/picking.js';

export const handler = httpRoute<KitIssueRequest, unknown, { no: string }>(
  'picking.kit',
  ({ deps, session, params, body, hooks }) =>
    kitIssue(deps, session, params.no, body, hooks<PickResult>()),
);
