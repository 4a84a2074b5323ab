import type { OutsourcingOrderClose } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { closeOutsourcingOrder } from '../../usecases/outsourcing/orders.js';

export const route = httpRoute<OutsourcingOrderClose, unknown, { no: string }>(
  'outsourcingOrders.close',
  ({ deps, session, params, body, hooks }) =>
    closeOutsourcingOrder(deps, session, params.no, body, hooks()),
);
