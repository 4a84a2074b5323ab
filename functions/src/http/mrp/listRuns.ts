import type { PageQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { mrpRepo } from '../../store/mrpRepo.js';

export const handler = httpRoute<unknown, PageQuery>('mrp.listRuns', ({ deps, session, query }) =>
  mrpRepo(deps, session.tenant).listRuns(query),
);
