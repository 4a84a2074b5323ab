import type { BalanceQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { queryBalances } from '../../usecases/stock.js';

export const route = httpRoute<unknown, BalanceQuery>(
  'stock.balances',
  ({ deps, session, query }) => queryBalances(deps, session, query),
);
