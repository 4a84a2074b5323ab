import type { AdjustmentRequest, StockDocument } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { postAdjustment } from '../../usecases/stock.js';

export const route = httpRoute<AdjustmentRequest>(
  'stock.adjustments',
  ({ deps, session, body, hooks }) => postAdjustment(deps, session, body, hooks<StockDocument>()),
);
