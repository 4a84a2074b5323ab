import type { PartnerUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { partners } from '../../usecases/masterData.js';

export const route = httpRoute<PartnerUpdate, unknown, { code: string }>(
  'partners.update',
  ({ deps, session, body, params, hooks }) =>
    partners.update(deps, session, params.code, body, hooks()),
);
