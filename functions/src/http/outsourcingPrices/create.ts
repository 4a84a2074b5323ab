import type { PriceListEntryCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createPriceListEntry } from '../../usecases/purchasing/priceLists.js';

export const route = httpRoute<PriceListEntryCreate>(
  'outsourcingPrices.create',
  ({ deps, session, body, hooks }) =>
    createPriceListEntry(deps, session, body, hooks(), 'outsourcing'),
);
