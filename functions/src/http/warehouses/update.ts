import type { WarehouseUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { warehouses } from '../../usecases/masterData.js';

export const route = httpRoute<WarehouseUpdate, unknown, { code: string }>(
  'warehouses.update',
  ({ deps, session, body, params, hooks }) =>
    warehouses.update(deps, session, params.code, body, hooks()),
);
