import type { ExpenseCategoryInput } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { putExpenseCategory } from '../../usecases/claims/claims.js';

export const route = httpRoute<ExpenseCategoryInput, unknown, { code: string }>(
  'expenseCategories.put',
  ({ deps, session, params, body, hooks }) =>
    putExpenseCategory(deps, session, params.code, body, hooks()),
);
