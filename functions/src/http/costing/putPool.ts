import type { CostPoolInput } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { putPool } from '../../usecases/costing/setup.js';

export const route = httpRoute<CostPoolInput, unknown, { code: string }>(
  'costing.putPool',
  ({ deps, session, params, body, hooks }) => putPool(deps, session, params.code, body, hooks()),
);
