import { httpRoute } from '../../middleware/route.js';
import { getApprovalRules } from '../../usecases/approval/index.js';

export const route = httpRoute('approvalRules.get', ({ deps, session }) =>
  getApprovalRules(deps, session.tenant),
);
