import type { Approval, ApprovalDocType, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import type { TxItem } from '../../store/transact.js';

/**
 * What happens to a document when its approval finishes. A handler returns the writes that
 * move the document on, committed in the same transaction as the final decision, and the
 * document as it then is; a handler whose work cannot fit one transaction (an ECN applies BOM
 * changes in several) does it first and guards it by the document's own state, so a lost
 * race changes nothing.
 */
export type DocumentOutcome = { items: TxItem[]; document?: unknown };

/**
 * A document type that goes through approvals. Each document module (sales orders, ECNs,
 * supplementary issues) exports its handler; the composition root registers them
 * (functions/src/composition/approvals.ts), so the engine knows this interface and no
 * document type, and no document module is imported by the engine.
 */
export interface ApprovalDocumentHandler {
  readonly type: ApprovalDocType;
  /**
   * The final decision does work outside the approval's transaction (an ECN's BOM changes, a
   * supplementary issue's posting): the engine claims the approval first, so no other
   * decision runs that work at the same time.
   */
  readonly separateWork: boolean;
  finish(
    deps: Deps,
    s: Session,
    approval: Approval,
    outcome: 'approved' | 'rejected',
  ): Promise<DocumentOutcome>;
}

/** The registered handlers, by document type. */
export type ApprovalDocuments = { of(type: ApprovalDocType): ApprovalDocumentHandler };

export function approvalDocuments(handlers: readonly ApprovalDocumentHandler[]): ApprovalDocuments {
  const byType = new Map<ApprovalDocType, ApprovalDocumentHandler>();
  for (const h of handlers) {
    if (byType.has(h.type)) throw new Error(`approval document type ${h.type} registered twice`);
    byType.set(h.type, h);
  }
  return {
    of(type) {
      const h = byType.get(type);
      if (!h) throw new Error(`no approval document handler registered for ${type}`);
      return h;
    },
  };
}
