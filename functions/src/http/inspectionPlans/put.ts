import type { InspectionPlanParams, InspectionPlanPut } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { putInspectionPlan } from '../../usecases/quality/plans.js';

export const route = httpRoute<InspectionPlanPut, unknown, InspectionPlanParams>(
  'inspectionPlans.put',
  ({ deps, session, params, body, hooks }) =>
    putInspectionPlan(deps, session, params.item, body, hooks()),
);
