import type { OutsourcingOrderCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createOutsourcingOrder } from '../../usecases/outsourcing/orders.js';

export const route = httpRoute<OutsourcingOrderCreate>(
  'outsourcingOrders.create',
  ({ deps, session, body, hooks }) => createOutsourcingOrder(deps, session, body, hooks()),
);
