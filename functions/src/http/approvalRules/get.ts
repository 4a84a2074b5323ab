import { httpRoute } from '../../middleware/route.js';
import { getApprovalRules } from '../../usecases/approval/index.js';

export const handler = httpRoute('approvalRules.get', ({ deps, session }) =>
  getApprovalRules(deps, session.tenant),
);
