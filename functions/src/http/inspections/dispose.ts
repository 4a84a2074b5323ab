import type { DispositionInput, InspectionParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { disposeInspection } from '../../usecases/quality/dispositions.js';

export const route = httpRoute<DispositionInput, unknown, InspectionParams>(
  'inspections.dispose',
  ({ deps, session, params, body, hooks }) =>
    disposeInspection(deps, session, params.no, body, hooks()),
);
