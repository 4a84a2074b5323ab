import type { BomDraftUpdate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { updateDraft } from '../../usecases/bom/drafts.js';

export const route = httpRoute<BomDraftUpdate, unknown, { item: string; version: string }>(
  'boms.updateDraft',
  ({ deps, session, params, body, hooks }) =>
    updateDraft(deps, session, params.item, params.version, body, hooks()),
);
