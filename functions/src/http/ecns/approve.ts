import { httpRoute } from '../../middleware/route.js';
import { decideEcn } from '../../usecases/bom/ecn.js';

export const handler = httpRoute<{ comment?: string }, unknown, { no: string }>(
  'ecns.approve',
  ({ deps, session, params, body }) =>
    decideEcn(deps, session, params.no, { approve: true, ...body }),
);
