import { httpRoute } from '../../middleware/route.js';
import { deleteDraft } from '../../usecases/bom/drafts.js';

export const route = httpRoute<
  unknown,
  { expectedRevision: number },
  { item: string; version: string }
>('boms.deleteDraft', ({ deps, session, params, query, hooks }) =>
  deleteDraft(deps, session, params.item, params.version, query.expectedRevision, hooks()),
);
