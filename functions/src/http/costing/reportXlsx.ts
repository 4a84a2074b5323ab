import { httpRoute } from '../../middleware/route.js';
import { costReportWorkbook } from '../../usecases/costing/reportWorkbook.js';

export const route = httpRoute<unknown, unknown, { period: string }>(
  'costing.reportXlsx',
  ({ deps, session, params }) => costReportWorkbook(deps, session, params.period),
);
