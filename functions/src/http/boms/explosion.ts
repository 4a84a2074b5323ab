import type { ExplosionQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { explodeItem } from '../../usecases/bom/explosion.js';

export const route = httpRoute<unknown, ExplosionQuery, { item: string }>(
  'boms.explosion',
  ({ deps, session, params, query }) => explodeItem(deps, session, params.item, query),
);
