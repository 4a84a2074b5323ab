import type { OutsourcingMaterialReturnCreate, OutsourcingTransfer } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { returnMaterials } from '../../usecases/outsourcing/sends.js';

export const route = httpRoute<OutsourcingMaterialReturnCreate, unknown, { no: string }>(
  'outsourcingOrders.returnMaterials',
  ({ deps, session, params, body, hooks }) =>
    returnMaterials(deps, session, params.no, body, hooks<OutsourcingTransfer>()),
);
