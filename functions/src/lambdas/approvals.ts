// The approvals area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { approvalsAreaRoutes } from '@factory/shared';
import { wire } from '../deps.js';
import { approvals } from '../composition/approvals.js';
import { areaRouter } from '../http/router.js';
import * as approvalsInbox from '../http/approvals/inbox.js';
import * as approvalsGet from '../http/approvals/get.js';
import * as approvalsApprove from '../http/approvals/approve.js';
import * as approvalsReject from '../http/approvals/reject.js';
import * as approvalsNotify from '../http/approvals/notify.js';
import * as approvalRulesGet from '../http/approvalRules/get.js';
import * as approvalRulesPut from '../http/approvalRules/put.js';

wire(approvals);

export const handler = areaRouter('approvals', approvalsAreaRoutes, {
  'approvals.inbox': approvalsInbox,
  'approvals.get': approvalsGet,
  'approvals.approve': approvalsApprove,
  'approvals.reject': approvalsReject,
  'approvals.notify': approvalsNotify,
  'approvalRules.get': approvalRulesGet,
  'approvalRules.put': approvalRulesPut,
});
