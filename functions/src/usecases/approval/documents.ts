import type { Approval, ApprovalDocType, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import type { TxItem } from '../../store/transact.js';
import { finishEcnApproval } from '../bom/ecn.js';
import { finishSalesOrderApproval } from '../sales/orders.js';
import { finishSupplementaryApproval } from '../taskOrders/supplementary.js';

/**
 * What happens to a document when its approval finishes. A handler returns the writes that
 * move the document on, committed in the same transaction as the final decision, and the
 * document as it then is; a handler whose work cannot fit one transaction (an ECN applies BOM
 * changes in several) does it first and guards it by the document's own state, so a lost
 * race changes nothing.
 */
export type DocumentOutcome = { items: TxItem[]; document?: unknown };

export type DocumentHandler = (
  deps: Deps,
  s: Session,
  approval: Approval,
  outcome: 'approved' | 'rejected',
) => Promise<DocumentOutcome>;

export function finishDocument(
  deps: Deps,
  s: Session,
  approval: Approval,
  outcome: 'approved' | 'rejected',
): Promise<DocumentOutcome> {
  const handlers: Record<ApprovalDocType, DocumentHandler> = {
    salesOrder: finishSalesOrderApproval,
    ecn: finishEcnApproval,
    supplementaryIssue: finishSupplementaryApproval,
  };
  return handlers[approval.docType](deps, s, approval, outcome);
}

/**
 * Document types whose final decision does work outside the approval's transaction: the
 * engine claims the approval first, so no other decision runs that work at the same time.
 */
export function documentWorkIsSeparate(docType: ApprovalDocType): boolean {
  return docType === 'ecn' || docType === 'supplementaryIssue';
}
