import type { SupplementaryRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { requestSupplementary } from '../../usecases/taskOrders/supplementary.js';

export const route = httpRoute<SupplementaryRequest, unknown, { no: string }>(
  'picking.supplementary',
  ({ deps, session, params, body, hooks }) =>
    requestSupplementary(deps, session, params.no, body, hooks()),
);
