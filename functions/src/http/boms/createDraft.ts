import type { BomDraftCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createDraft } from '../../usecases/bom/drafts.js';

export const route = httpRoute<BomDraftCreate, unknown, { item: string }>(
  'boms.createDraft',
  ({ deps, session, params, body, hooks }) =>
    createDraft(deps, session, params.item, body, hooks()),
);
