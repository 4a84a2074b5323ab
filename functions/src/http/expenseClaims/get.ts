import { httpRoute } from '../../middleware/route.js';
import { getExpenseClaim } from '../../usecases/claims/claims.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'expenseClaims.get',
  ({ deps, session, params }) => getExpenseClaim(deps, session, params.no),
);
