import type { SalesPromiseQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { promiseLine } from '../../usecases/sales/promise.js';

export const route = httpRoute<unknown, SalesPromiseQuery>(
  'salesOrders.promise',
  ({ deps, session, query }) => promiseLine(deps, session, query),
);
