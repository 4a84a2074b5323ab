import { httpRoute } from '../../middleware/route.js';
import { costReport } from '../../usecases/costing/report.js';

export const route = httpRoute<unknown, unknown, { period: string }>(
  'costing.report',
  ({ deps, session, params }) => costReport(deps, session, params.period),
);
