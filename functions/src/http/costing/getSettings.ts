import { httpRoute } from '../../middleware/route.js';
import { getCostingSettings } from '../../usecases/costing/bounds.js';

export const route = httpRoute('costing.getSettings', ({ deps, session }) =>
  getCostingSettings(deps, session),
);
