import type { InspectionParams, InspectionResultInput } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { postInspectionResult } from '../../usecases/quality/inspections.js';

export const route = httpRoute<InspectionResultInput, unknown, InspectionParams>(
  'inspections.result',
  ({ deps, session, params, body, hooks }) =>
    postInspectionResult(deps, session, params.no, body, hooks()),
);
