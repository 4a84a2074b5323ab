import { httpRoute } from '../../middleware/route.js';
import { listPeriods } from '../../usecases/costing/periods.js';

export const route = httpRoute('costing.listPeriods', ({ deps, session }) =>
  listPeriods(deps, session),
);
