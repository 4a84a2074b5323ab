import type { UnitUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { units } from '../../usecases/masterData.js';

export const route = httpRoute<UnitUpdate, unknown, { code: string }>(
  'units.update',
  ({ deps, session, body, params, hooks }) =>
    units.update(deps, session, params.code, body, hooks()),
);
