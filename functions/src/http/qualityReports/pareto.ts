import type { DefectParetoQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { defectParetoReport } from '../../usecases/quality/reports.js';

export const route = httpRoute<unknown, DefectParetoQuery>(
  'qualityReports.pareto',
  ({ deps, session, query }) => defectParetoReport(deps, session, query),
);
