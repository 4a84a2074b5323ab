import type { MergedPickRequest, PickResult } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { mergedIssue } from '../../usecases/taskOrders/picking.js';

export const route = httpRoute<MergedPickRequest>(
  'picking.merged',
  ({ deps, session, body, hooks }) => mergedIssue(deps, session, body, hooks<PickResult>()),
);
