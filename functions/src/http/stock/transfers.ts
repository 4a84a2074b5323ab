import type { TransferRequest, StockDocument } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { postTransfer } from '../../usecases/stock.js';

export const route = httpRoute<TransferRequest>(
  'stock.transfers',
  ({ deps, session, body, hooks }) => postTransfer(deps, session, body, hooks<StockDocument>()),
);
