import { httpRoute } from '../../middleware/route.js';
import { listPools } from '../../usecases/costing/setup.js';

export const route = httpRoute('costing.listPools', ({ deps, session }) =>
  listPools(deps, session),
);
