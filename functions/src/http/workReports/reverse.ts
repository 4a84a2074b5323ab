import type { WorkReportResult, WorkReportReverse } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { reverseWorkReport } from '../../usecases/shopfloor/workReports.js';

export const route = httpRoute<WorkReportReverse, unknown, { no: string }>(
  'workReports.reverse',
  ({ deps, session, body, params, hooks }) =>
    reverseWorkReport(deps, session, params.no, body, hooks<WorkReportResult>()),
);
