import type { PageQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listRuns } from '../../usecases/mrp/run.js';

export const route = httpRoute<unknown, PageQuery>('mrp.listRuns', ({ deps, session, query }) =>
  listRuns(deps, session, query),
);
