import { httpRoute } from '../../middleware/route.js';
import { getDefect } from '../../usecases/quality/plans.js';

export const route = httpRoute<unknown, unknown, { code: string }>(
  'defects.get',
  ({ deps, session, params }) => getDefect(deps, session, params.code),
);
