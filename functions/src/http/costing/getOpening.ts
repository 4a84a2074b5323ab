import { httpRoute } from '../../middleware/route.js';
import { getOpening } from '../../usecases/costing/setup.js';

export const route = httpRoute('costing.getOpening', ({ deps, session }) =>
  getOpening(deps, session),
);
