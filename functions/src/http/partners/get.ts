import { httpRoute } from '../../middleware/route.js';
import { partners } from '../../usecases/masterData.js';

export const handler = httpRoute<unknown, unknown, { code: string }>(
  'partners.get',
  ({ deps, session, params }) => partners.get(deps, session, params.code),
);
