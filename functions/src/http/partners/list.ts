import type { PageQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { partners } from '../../usecases/masterData.js';

export const route = httpRoute<unknown, PageQuery>('partners.list', ({ deps, session, query }) =>
  partners.list(deps, session, query),
);
