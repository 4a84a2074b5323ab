import type { WhereUsedQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { whereUsed } from '../../usecases/bom/explosion.js';

export const route = httpRoute<unknown, WhereUsedQuery, { item: string }>(
  'boms.whereUsed',
  ({ deps, session, params, query }) => whereUsed(deps, session, params.item, query),
);
