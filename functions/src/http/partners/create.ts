import type { PartnerCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { partners } from '../../usecases/masterData.js';

export const route = httpRoute<PartnerCreate>('partners.create', ({ deps, session, body, hooks }) =>
  partners.create(deps, session, body, hooks()),
);
