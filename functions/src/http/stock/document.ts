import { httpRoute } from '../../middleware/route.js';
import { getStockDocument } from '../../usecases/stock.js';

export const route = httpRoute<unknown, unknown, { no: string }>(
  'stock.document',
  ({ deps, session, params }) => getStockDocument(deps, session, params.no),
);
