import { httpRoute } from '../../middleware/route.js';
import { partners } from '../../usecases/masterData.js';

export const route = httpRoute<unknown, unknown, { code: string }>(
  'partners.get',
  ({ deps, session, params }) => partners.get(deps, session, params.code),
);
