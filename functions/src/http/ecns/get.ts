import { httpRoute } from '../../middleware/route.js';
import { getEcn } from '../../usecases/bom/ecn.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'ecns.get',
  ({ deps, session, params }) => getEcn(deps, session, params.no),
);
