import { httpRoute } from '../../middleware/route.js';
import { decideEcnRequest } from '../../usecases/bom/ecn.js';

export const route = httpRoute<{ comment?: string }, unknown, { no: string }>(
  'ecns.approve',
  ({ deps, session, params, body, hooks }) =>
    decideEcnRequest(deps, session, params.no, { approve: true, ...body }, hooks()),
);
