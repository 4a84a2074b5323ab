import type { PageQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { units } from '../../usecases/masterData.js';

export const route = httpRoute<unknown, PageQuery>('units.list', ({ deps, session, query }) =>
  units.list(deps, session, query),
);
