import { httpRoute } from '../../middleware/route.js';
import { listEcns } from '../../usecases/bom/ecn.js';

export const route = httpRoute<unknown, { status?: string; limit: number; cursor?: string }>(
  'ecns.list',
  ({ deps, session, query }) => listEcns(deps, session, query),
);
