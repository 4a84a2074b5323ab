import type { DeliverableQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listDeliverables } from '../../usecases/delivery/deliveries.js';

export const route = httpRoute<unknown, DeliverableQuery>(
  'deliveries.open',
  ({ deps, session, query }) => listDeliverables(deps, session, query),
);
