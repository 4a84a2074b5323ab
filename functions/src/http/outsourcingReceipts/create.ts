import type { OutsourcingReceipt, OutsourcingReceiptCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { receiveOutsourcing } from '../../usecases/outsourcing/receipts.js';

export const route = httpRoute<OutsourcingReceiptCreate>(
  'outsourcingReceipts.create',
  ({ deps, session, body, hooks }) =>
    receiveOutsourcing(deps, session, body, hooks<OutsourcingReceipt>()),
);
