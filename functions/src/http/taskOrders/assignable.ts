import { httpRoute } from '../../middleware/route.js';
import { assignableWorkers } from '../../usecases/taskOrders/assignees.js';

export const route = httpRoute('taskOrders.assignable', ({ deps, session }) =>
  assignableWorkers(deps, session),
);
