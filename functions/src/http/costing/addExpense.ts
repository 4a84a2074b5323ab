import type { ExpenseEntryInput } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { addExpense } from '../../usecases/costing/setup.js';

export const route = httpRoute<ExpenseEntryInput, unknown, { period: string }>(
  'costing.addExpense',
  ({ deps, session, params, body, hooks }) =>
    addExpense(deps, session, params.period, body, hooks()),
);
