import type { DeliveryListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listDeliveries } from '../../usecases/delivery/deliveries.js';

export const route = httpRoute<unknown, DeliveryListQuery>(
  'deliveries.list',
  ({ deps, session, query }) => listDeliveries(deps, session, query),
);
