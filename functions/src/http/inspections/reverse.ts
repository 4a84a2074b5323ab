import type { InspectionParams, InspectionReversalInput } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { reverseInspectionResult } from '../../usecases/quality/inspections.js';

export const route = httpRoute<InspectionReversalInput, unknown, InspectionParams>(
  'inspections.reverse',
  ({ deps, session, params, body, hooks }) =>
    reverseInspectionResult(deps, session, params.no, body, hooks()),
);
