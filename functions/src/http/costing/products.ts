import type { ProductTrend } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { productTrend } from '../../usecases/costing/report.js';

export const route = httpRoute<unknown, { from: string; to: string; item?: string }>(
  'costing.products',
  ({ deps, session, query }): Promise<ProductTrend> => productTrend(deps, session, query),
);
