import type { PlannedOrdersQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { plannedOrders } from '../../usecases/mrp/plannedOrders.js';

export const route = httpRoute<unknown, PlannedOrdersQuery>(
  'mrp.plannedOrders',
  ({ deps, session, query }) => plannedOrders(deps, session, query),
);
