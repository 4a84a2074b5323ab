import type { OutsourcingOrderUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { updateOutsourcingOrder } from '../../usecases/outsourcing/orders.js';

export const route = httpRoute<OutsourcingOrderUpdate, unknown, { no: string }>(
  'outsourcingOrders.update',
  ({ deps, session, params, body, hooks }) =>
    updateOutsourcingOrder(deps, session, params.no, body, hooks()),
);
