import { httpRoute } from '../../middleware/route.js';
import { getHistory } from '../../usecases/bom/drafts.js';

export const route = httpRoute<unknown, unknown, { item: string }>(
  'boms.history',
  ({ deps, session, params }) => getHistory(deps, session, params.item),
);
