import type { Approval, ApprovalRejectRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { decideStep, type DecisionResult } from '../../usecases/approval/index.js';
import { mapHooks } from '../../usecases/hooks.js';

export const route = httpRoute<ApprovalRejectRequest, unknown, { id: string }>(
  'approvals.reject',
  ({ deps, session, params, body, hooks }) =>
    decideStep(
      deps,
      session,
      params.id,
      { approve: false, ...body, via: 'miniapp' },
      mapHooks(hooks<Approval>(), (r: DecisionResult) => r.approval),
    ),
);
