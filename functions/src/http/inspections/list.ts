import type { InspectionListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listInspections } from '../../usecases/quality/inspections.js';

export const route = httpRoute<unknown, InspectionListQuery>(
  'inspections.list',
  ({ deps, session, query }) => listInspections(deps, session, query),
);
