import type { WarehouseCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { warehouses } from '../../usecases/masterData.js';

export const route = httpRoute<WarehouseCreate>(
  'warehouses.create',
  ({ deps, session, body, hooks }) => warehouses.create(deps, session, body, hooks()),
);
