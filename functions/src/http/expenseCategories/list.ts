import { httpRoute } from '../../middleware/route.js';
import { listExpenseCategories } from '../../usecases/claims/claims.js';

export const route = httpRoute('expenseCategories.list', ({ deps, session }) =>
  listExpenseCategories(deps, session),
);
