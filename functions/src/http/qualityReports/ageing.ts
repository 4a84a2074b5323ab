import { httpRoute } from '../../middleware/route.js';
import { inspectionAgeReport } from '../../usecases/quality/reports.js';

export const route = httpRoute('qualityReports.ageing', ({ deps, session }) =>
  inspectionAgeReport(deps, session),
);
