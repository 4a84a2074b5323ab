import type { PriceListEntryParams, PriceListEntryUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { updatePriceListEntry } from '../../usecases/purchasing/priceLists.js';

export const route = httpRoute<PriceListEntryUpdate, unknown, PriceListEntryParams>(
  'outsourcingPrices.update',
  ({ deps, session, params, body, hooks }) =>
    updatePriceListEntry(deps, session, params, body, hooks(), 'outsourcing'),
);
