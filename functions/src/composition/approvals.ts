// Composition root pieces: what an entry point wires into the use cases' ports (deps.ts).
import type { Wiring } from '../deps.js';
import { approvalDocuments } from '../usecases/approval/index.js';
import { ecnApproval } from '../usecases/bom/ecn.js';
import { expenseClaimApproval } from '../usecases/claims/approval.js';
import { formRequestApproval } from '../usecases/forms/approval.js';
import { purchaseOrderApproval } from '../usecases/purchasing/orders.js';
import { concessionApproval } from '../usecases/quality/dispositions.js';
import { salesOrderApproval } from '../usecases/sales/orders.js';
import { supplementaryIssueApproval } from '../usecases/taskOrders/supplementary.js';

/**
 * Approvals: the document types the engine moves on when an approval finishes (registered
 * here, so the engine imports none of them). Their cards and texts go out through the outbox
 * (composition/outbox.ts).
 */
export const approvals: Wiring = () => ({
  approvalDocuments: approvalDocuments([
    salesOrderApproval,
    ecnApproval,
    supplementaryIssueApproval,
    purchaseOrderApproval,
    concessionApproval,
    expenseClaimApproval,
    formRequestApproval,
  ]),
});

/**
 * The engineering area decides ECNs only (its approve and reject routes): it registers the
 * ECN handler alone, so its bundle carries no other document's work.
 */
export const ecnDecisions: Wiring = () => ({
  approvalDocuments: approvalDocuments([ecnApproval]),
});
