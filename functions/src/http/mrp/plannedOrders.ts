import { httpRoute } from '../../middleware/route.js';
import { plannedOrders } from '../../usecases/mrp/plannedOrders.js';

export const handler = httpRoute<unknown, { runId?: string; item?: string; type?: string }>(
  'mrp.plannedOrders',
  ({ deps, session, query }) => plannedOrders(deps, session, query),
);
