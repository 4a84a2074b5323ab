import type { TaskOrdersFromSales } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createFromSales } from '../../usecases/taskOrders/orders.js';

export const handler = httpRoute<TaskOrdersFromSales>(
  'taskOrders.createFromSales',
  async ({ deps, session, body }) => ({ orders: await createFromSales(deps, session, body) }),
);
