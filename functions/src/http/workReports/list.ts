import { httpRoute } from '../../middleware/route.js';
import { listWorkReports } from '../../usecases/shopfloor/workReports.js';

export const route = httpRoute<unknown, { taskOrder: string }>(
  'workReports.list',
  ({ deps, session, query }) => listWorkReports(deps, session, query.taskOrder),
);
