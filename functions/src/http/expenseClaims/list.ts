import type { ExpenseClaimListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listExpenseClaims } from '../../usecases/claims/claims.js';

export const route = httpRoute<unknown, ExpenseClaimListQuery>(
  'expenseClaims.list',
  ({ deps, session, query }) => listExpenseClaims(deps, session, query),
);
