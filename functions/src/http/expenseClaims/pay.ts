import type { ExpenseClaimPay } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { payExpenseClaim } from '../../usecases/claims/claims.js';

export const route = httpRoute<ExpenseClaimPay, unknown, { no: string }>(
  'expenseClaims.pay',
  ({ deps, session, params, body, hooks }) =>
    payExpenseClaim(deps, session, params.no, body, hooks()),
);
