import { httpRoute } from '../../middleware/route.js';
import { getHistory } from '../../usecases/bom/drafts.js';

export const handler = httpRoute<unknown, unknown, { item: string }>(
  'boms.history',
  ({ deps, session, params }) => getHistory(deps, session, params.item),
);
