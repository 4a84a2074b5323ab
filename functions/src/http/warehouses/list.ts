import type { PageQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { warehouses } from '../../usecases/masterData.js';

export const route = httpRoute<unknown, PageQuery>('warehouses.list', ({ deps, session, query }) =>
  warehouses.list(deps, session, query),
);
