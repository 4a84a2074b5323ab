import type { PickListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { pickList } from '../../usecases/taskOrders/picking.js';

export const route = httpRoute<unknown, PickListQuery>(
  'picking.pickList',
  ({ deps, session, query }) => pickList(deps, session, query),
);
