import { httpRoute } from '../../middleware/route.js';
import { submitEcn } from '../../usecases/bom/ecn.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'ecns.submit',
  ({ deps, session, params, hooks }) => submitEcn(deps, session, params.no, hooks()),
);
