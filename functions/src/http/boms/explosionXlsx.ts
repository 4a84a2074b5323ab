import type { ExplosionQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { explosionWorkbook } from '../../usecases/bom/sheets.js';

export const route = httpRoute<unknown, ExplosionQuery, { item: string }>(
  'boms.explosionXlsx',
  ({ deps, session, params, query }) => explosionWorkbook(deps, session, params.item, query),
);
