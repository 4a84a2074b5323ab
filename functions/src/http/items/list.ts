import type { PageQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { items } from '../../usecases/masterData.js';

export const route = httpRoute<unknown, PageQuery>('items.list', ({ deps, session, query }) =>
  items.list(deps, session, query),
);
