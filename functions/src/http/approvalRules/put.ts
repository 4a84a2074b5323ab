import type { ApprovalRulesPut } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { putApprovalRules } from '../../usecases/approval/index.js';

export const route = httpRoute<ApprovalRulesPut>(
  'approvalRules.put',
  ({ deps, session, body, hooks }) => putApprovalRules(deps, session, body, hooks()),
);
