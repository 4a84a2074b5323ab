import type { PriceListEntryParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { deletePriceListEntry } from '../../usecases/purchasing/priceLists.js';

export const route = httpRoute<unknown, unknown, PriceListEntryParams>(
  'outsourcingPrices.delete',
  ({ deps, session, params, hooks }) =>
    deletePriceListEntry(deps, session, params, hooks(), 'outsourcing'),
);
