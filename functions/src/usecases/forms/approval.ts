import type { Approval, FormRequest, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { alreadyDecided } from '../../domain/approval/index.js';
import { formRequestRepo } from '../../store/formRepo.js';
import type { ApprovalDocumentHandler, DocumentOutcome } from '../approval/documents.js';

// A form request in the approval engine: this module is all the approvals area loads of forms
// (docs/forms.md), so it imports no forms contract and nothing of purchasing.

/** The approval finished: the request is approved or rejected in the same transaction. */
export async function finishFormRequestApproval(
  deps: Deps,
  s: Session,
  approval: Approval,
  outcome: 'approved' | 'rejected',
): Promise<DocumentOutcome> {
  const repo = formRequestRepo(deps, s.tenant);
  const request = await repo.get(approval.docNo);
  if (!request || request.status !== 'pending' || request.approvalId !== approval.id)
    throw alreadyDecided(approval);
  const decided: FormRequest = {
    ...request,
    status: outcome,
    version: request.version + 1,
    decidedAt: approval.finishedAt!,
    updatedAt: approval.finishedAt!,
    updatedBy: s.user,
  };
  return {
    items: [repo.put(decided, request.version, () => alreadyDecided(approval))],
    document: decided,
  };
}

/** Form requests in the approval engine; registered at the composition root. */
export const formRequestApproval: ApprovalDocumentHandler = {
  type: 'formRequest',
  separateWork: false,
  finish: finishFormRequestApproval,
};
