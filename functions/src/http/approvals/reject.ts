import type { ApprovalDecisionRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { decideApproval } from '../../usecases/approval/index.js';

export const handler = httpRoute<ApprovalDecisionRequest, unknown, { id: string }>(
  'approvals.reject',
  ({ deps, session, params, body }) =>
    decideApproval(deps, session, params.id, { approve: false, ...body, via: 'miniapp' }),
);
