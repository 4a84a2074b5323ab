import type { ApprovalRejectRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { decideStep } from '../../usecases/approval/index.js';

export const handler = httpRoute<ApprovalRejectRequest, unknown, { id: string }>(
  'approvals.reject',
  ({ deps, session, params, body }) =>
    decideStep(deps, session, params.id, { approve: false, ...body, via: 'miniapp' }),
);
