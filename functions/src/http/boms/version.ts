import { httpRoute } from '../../middleware/route.js';
import { getVersion } from '../../usecases/bom/drafts.js';

export const route = httpRoute<unknown, unknown, { item: string; version: string }>(
  'boms.version',
  ({ deps, session, params }) => getVersion(deps, session, params.item, params.version),
);
