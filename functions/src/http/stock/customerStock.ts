import type { CustomerStockQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { customerStock } from '../../usecases/customerStock.js';

export const route = httpRoute<unknown, CustomerStockQuery>(
  'stock.customerStock',
  ({ deps, session, query }) => customerStock(deps, session, query),
);
