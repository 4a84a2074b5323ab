import type { DeliveryShareRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { shareDelivery } from '../../usecases/delivery/deliveries.js';

export const route = httpRoute<DeliveryShareRequest, unknown, { no: string }>(
  'deliveries.share',
  ({ deps, session, params, body }) => shareDelivery(deps, session, params.no, body),
);
