import { httpRoute } from '../../middleware/route.js';
import { shortageAnalysis } from '../../usecases/mrp/analysis.js';

export const route = httpRoute<unknown, { date?: string }>(
  'mrp.shortage',
  ({ deps, session, query }) => shortageAnalysis(deps, session, query),
);
