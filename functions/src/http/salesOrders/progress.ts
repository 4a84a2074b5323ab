import { httpRoute } from '../../middleware/route.js';
import { salesOrderProgress } from '../../usecases/sales/progress.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'salesOrders.progress',
  ({ deps, session, params }) => salesOrderProgress(deps, session, params.no),
);
