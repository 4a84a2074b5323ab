import type { InspectionPlanListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listInspectionPlans } from '../../usecases/quality/plans.js';

export const route = httpRoute<unknown, InspectionPlanListQuery>(
  'inspectionPlans.list',
  ({ deps, session, query }) => listInspectionPlans(deps, session, query),
);
