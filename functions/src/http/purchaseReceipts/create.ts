import type { PurchaseReceipt, PurchaseReceiptRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { receivePurchase } from '../../usecases/shopfloor/receipts.js';

export const route = httpRoute<PurchaseReceiptRequest>(
  'purchaseReceipts.create',
  ({ deps, session, body, hooks }) =>
    receivePurchase(deps, session, body, hooks<PurchaseReceipt>()),
);
