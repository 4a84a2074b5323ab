import type { TaskOrder, TaskOrdersFromSales } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { mapHooks } from '../../usecases/hooks.js';
import { createFromSales } from '../../usecases/taskOrders/orders.js';

export const route = httpRoute<TaskOrdersFromSales>(
  'taskOrders.createFromSales',
  async ({ deps, session, body, hooks }) => ({
    orders: await createFromSales(
      deps,
      session,
      body,
      mapHooks(hooks<{ orders: TaskOrder[] }>(), (orders: TaskOrder[]) => ({ orders })),
    ),
  }),
);
