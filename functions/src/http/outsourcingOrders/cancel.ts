import type { OutsourcingOrderClose } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { cancelOutsourcingOrder } from '../../usecases/outsourcing/orders.js';

export const route = httpRoute<OutsourcingOrderClose, unknown, { no: string }>(
  'outsourcingOrders.cancel',
  ({ deps, session, params, body, hooks }) =>
    cancelOutsourcingOrder(deps, session, params.no, body, hooks()),
);
