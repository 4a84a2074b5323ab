import { httpRoute } from '../../middleware/route.js';
import { units } from '../../usecases/masterData.js';

export const route = httpRoute<unknown, unknown, { code: string }>(
  'units.get',
  ({ deps, session, params }) => units.get(deps, session, params.code),
);
