import type { InspectionParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { getInspection } from '../../usecases/quality/inspections.js';

export const route = httpRoute<unknown, unknown, InspectionParams>(
  'inspections.get',
  ({ deps, session, params }) => getInspection(deps, session, params.no),
);
