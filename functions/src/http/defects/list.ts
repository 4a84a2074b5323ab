import type { DefectListQuery } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { listDefects } from '../../usecases/quality/plans.js';

export const route = httpRoute<unknown, DefectListQuery>(
  'defects.list',
  ({ deps, session, query }) => listDefects(deps, session, query),
);
