import type { InspectionPlanParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { getInspectionPlan } from '../../usecases/quality/plans.js';

export const route = httpRoute<unknown, unknown, InspectionPlanParams>(
  'inspectionPlans.get',
  ({ deps, session, params }) => getInspectionPlan(deps, session, params.item),
);
