import type { ExpenseClaimCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createExpenseClaim } from '../../usecases/claims/claims.js';

export const route = httpRoute<ExpenseClaimCreate>(
  'expenseClaims.create',
  ({ deps, session, body, hooks }) => createExpenseClaim(deps, session, body, hooks()),
);
