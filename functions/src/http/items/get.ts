import { httpRoute } from '../../middleware/route.js';
import { items } from '../../usecases/masterData.js';

export const route = httpRoute<unknown, unknown, { code: string }>(
  'items.get',
  ({ deps, session, params }) => items.get(deps, session, params.code),
);
