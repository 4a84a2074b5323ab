import type { OutsourcingSendCreate, OutsourcingTransfer } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { sendMaterials } from '../../usecases/outsourcing/sends.js';

export const route = httpRoute<OutsourcingSendCreate, unknown, { no: string }>(
  'outsourcingOrders.send',
  ({ deps, session, params, body, hooks }) =>
    sendMaterials(deps, session, params.no, body, hooks<OutsourcingTransfer>()),
);
