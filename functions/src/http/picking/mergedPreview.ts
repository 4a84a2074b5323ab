import { httpRoute } from '../../middleware/route.js';
import { mergedPickList } from '../../usecases/taskOrders/picking.js';

export const handler = httpRoute<unknown, { orders: string }>(
  'picking.mergedPreview',
  ({ deps, session, query }) =>
    mergedPickList(
      deps,
      session,
      query.orders
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
);
