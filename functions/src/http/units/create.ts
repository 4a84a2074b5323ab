import type { UnitCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { units } from '../../usecases/masterData.js';

export const route = httpRoute<UnitCreate>('units.create', ({ deps, session, body, hooks }) =>
  units.create(deps, session, body, hooks()),
);
