import type { DeliveryCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createDelivery } from '../../usecases/delivery/deliveries.js';

export const route = httpRoute<DeliveryCreate>(
  'deliveries.create',
  ({ deps, session, body, hooks }) => createDelivery(deps, session, body, hooks()),
);
