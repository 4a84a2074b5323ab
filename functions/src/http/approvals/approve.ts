import type { Approval, ApprovalDecisionRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { decideStep, type DecisionResult } from '../../usecases/approval/index.js';
import { mapHooks } from '../../usecases/hooks.js';

export const route = httpRoute<ApprovalDecisionRequest, unknown, { id: string }>(
  'approvals.approve',
  ({ deps, session, params, body, hooks }) =>
    decideStep(
      deps,
      session,
      params.id,
      { approve: true, ...body, via: 'miniapp' },
      mapHooks(hooks<Approval>(), (r: DecisionResult) => r.approval),
    ),
);
