import type { ProductionReceipt, ProductionReceiptRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { receiveProduction } from '../../usecases/shopfloor/receipts.js';

export const route = httpRoute<ProductionReceiptRequest>(
  'productionReceipts.create',
  ({ deps, session, body, hooks }) =>
    receiveProduction(deps, session, body, hooks<ProductionReceipt>()),
);
