import { httpRoute } from '../../middleware/route.js';
import { warehouses } from '../../usecases/masterData.js';

export const route = httpRoute<unknown, unknown, { code: string }>(
  'warehouses.get',
  ({ deps, session, params }) => warehouses.get(deps, session, params.code),
);
