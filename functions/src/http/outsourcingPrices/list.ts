import type { PriceListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listPriceListEntries } from '../../usecases/purchasing/priceLists.js';

export const route = httpRoute<unknown, PriceListQuery>(
  'outsourcingPrices.list',
  ({ deps, session, query }) => listPriceListEntries(deps, session, query, 'outsourcing'),
);
