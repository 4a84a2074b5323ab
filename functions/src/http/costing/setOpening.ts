import type { CostingOpeningInput } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { setOpening } from '../../usecases/costing/setup.js';

export const route = httpRoute<CostingOpeningInput>(
  'costing.setOpening',
  ({ deps, session, body, hooks }) => setOpening(deps, session, body, hooks()),
);
