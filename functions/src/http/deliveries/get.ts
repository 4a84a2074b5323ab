import { httpRoute } from '../../middleware/route.js';
import { getDelivery } from '../../usecases/delivery/deliveries.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'deliveries.get',
  ({ deps, session, params }) => getDelivery(deps, session, params.no),
);
