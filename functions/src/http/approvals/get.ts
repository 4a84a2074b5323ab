import { httpRoute } from '../../middleware/route.js';
import { getApproval } from '../../usecases/approval/index.js';

export const route = httpRoute<unknown, unknown, { id: string }>(
  'approvals.get',
  ({ deps, session, params }) => getApproval(deps, session, params.id),
);
