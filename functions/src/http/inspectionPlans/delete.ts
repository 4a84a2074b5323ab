import type { InspectionPlanDeleteQuery, InspectionPlanParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { deleteInspectionPlan } from '../../usecases/quality/plans.js';

export const route = httpRoute<unknown, InspectionPlanDeleteQuery, InspectionPlanParams>(
  'inspectionPlans.delete',
  ({ deps, session, params, query, hooks }) =>
    deleteInspectionPlan(deps, session, params.item, query.expectedVersion, hooks()),
);
