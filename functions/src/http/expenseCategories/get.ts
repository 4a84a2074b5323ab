import { httpRoute } from '../../middleware/route.js';
import { getExpenseCategory } from '../../usecases/claims/claims.js';

export const route = httpRoute<unknown, unknown, { code: string }>(
  'expenseCategories.get',
  ({ deps, session, params }) => getExpenseCategory(deps, session, params.code),
);
