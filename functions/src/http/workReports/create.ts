import type { WorkReportRequest, WorkReportResult } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createWorkReport } from '../../usecases/shopfloor/workReports.js';

export const route = httpRoute<WorkReportRequest>(
  'workReports.create',
  ({ deps, session, body, hooks }) =>
    createWorkReport(deps, session, body, hooks<WorkReportResult>()),
);
