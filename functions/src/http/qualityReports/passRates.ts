import type { PassRateReportQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { passRateReport } from '../../usecases/quality/reports.js';

export const route = httpRoute<unknown, PassRateReportQuery>(
  'qualityReports.passRates',
  ({ deps, session, query }) => passRateReport(deps, session, query),
);
