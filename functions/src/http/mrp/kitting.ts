import type { KittingQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { kitting } from '../../usecases/mrp/analysis.js';

export const route = httpRoute<unknown, KittingQuery>('mrp.kitting', ({ deps, session, query }) =>
  kitting(deps, session, query),
);
