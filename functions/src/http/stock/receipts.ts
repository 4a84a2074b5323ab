import type { ReceiptRequest, StockDocument } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { postReceipt } from '../../usecases/stock.js';

export const route = httpRoute<ReceiptRequest>('stock.receipts', ({ deps, session, body, hooks }) =>
  postReceipt(deps, session, body, hooks<StockDocument>()),
);
