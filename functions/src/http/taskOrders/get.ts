import { httpRoute } from '../../middleware/route.js';
import { getTaskOrderView } from '../../usecases/taskOrders/views.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'taskOrders.get',
  ({ deps, session, params }) => getTaskOrderView(deps, session, params.no),
);
