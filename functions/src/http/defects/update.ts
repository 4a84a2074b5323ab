import type { DefectUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { updateDefect } from '../../usecases/quality/plans.js';

export const route = httpRoute<DefectUpdate, unknown, { code: string }>(
  'defects.update',
  ({ deps, session, params, body, hooks }) =>
    updateDefect(deps, session, params.code, body, hooks()),
);
