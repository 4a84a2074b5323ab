import type { ExpenseClaimSubmit } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { submitExpenseClaim } from '../../usecases/claims/claims.js';

export const route = httpRoute<ExpenseClaimSubmit, unknown, { no: string }>(
  'expenseClaims.submit',
  ({ deps, session, params, body, hooks }) =>
    submitExpenseClaim(deps, session, params.no, body, hooks()),
);
