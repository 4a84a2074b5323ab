import type { ItemListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listItems } from '../../usecases/masterData.js';

export const route = httpRoute<unknown, ItemListQuery>('items.list', ({ deps, session, query }) =>
  listItems(deps, session, query),
);
