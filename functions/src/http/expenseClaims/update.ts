import type { ExpenseClaimUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { updateExpenseClaim } from '../../usecases/claims/claims.js';

export const route = httpRoute<ExpenseClaimUpdate, unknown, { no: string }>(
  'expenseClaims.update',
  ({ deps, session, params, body, hooks }) =>
    updateExpenseClaim(deps, session, params.no, body, hooks()),
);
