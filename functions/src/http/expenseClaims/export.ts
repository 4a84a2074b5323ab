import type { ExpenseClaimListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { expenseClaimsWorkbook } from '../../usecases/claims/exportWorkbook.js';

export const route = httpRoute<unknown, ExpenseClaimListQuery>(
  'expenseClaims.export',
  ({ deps, session, query }) => expenseClaimsWorkbook(deps, session, query),
);
