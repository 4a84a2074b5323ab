import type { ApprovalDecisionRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { decideStep } from '../../usecases/approval/index.js';

export const handler = httpRoute<ApprovalDecisionRequest, unknown, { id: string }>(
  'approvals.approve',
  ({ deps, session, params, body }) =>
    decideStep(deps, session, params.id, { approve: true, ...body, via: 'miniapp' }),
);
