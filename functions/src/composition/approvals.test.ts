import { APPROVAL_DOC_TYPES, type Approval } from '@factory/shared';
import type { Config } from '../config.js';
import { approvalDocuments, type ApprovalDocumentHandler } from '../usecases/approval/index.js';
import { wecomApprovalNotifier } from '../usecases/approval/notifier.js';
import { wecomCompletionNotifier } from '../usecases/shopfloor/notifier.js';
import { approvals } from './approvals.js';
import { outboxDelivery } from './outbox.js';

const handler = (type: ApprovalDocumentHandler['type']): ApprovalDocumentHandler => ({
  type,
  separateWork: false,
  finish: async (_deps, _s, approval: Approval) => ({ items: [], document: approval.docNo }),
});

describe('approval documents', () => {
  const wired = approvals({} as Config);

  it('the product registers a handler for every document type', () => {
    for (const type of APPROVAL_DOC_TYPES)
      expect(wired.approvalDocuments!.of(type).type).toBe(type);
  });

  it('the outbox worker delivers through the WeCom notifiers, and moves documents on', () => {
    const worker = outboxDelivery({} as Config);
    expect(worker.approvalNotifier).toBe(wecomApprovalNotifier);
    expect(worker.completionNotifier).toBe(wecomCompletionNotifier);
    expect(worker.approvalDocuments!.of('salesOrder').type).toBe('salesOrder');
  });

  it('ECNs and supplementary issues do their work outside the decision, sales orders in it', () => {
    const separate = APPROVAL_DOC_TYPES.filter((t) => wired.approvalDocuments!.of(t).separateWork);
    expect(separate).toEqual(['ecn', 'supplementaryIssue']);
  });

  it('names a type nobody registered, and refuses one registered twice', () => {
    const only = approvalDocuments([handler('salesOrder')]);
    expect(only.of('salesOrder').type).toBe('salesOrder');
    expect(() => only.of('ecn')).toThrow('no approval document handler registered for ecn');
    expect(() => approvalDocuments([handler('ecn'), handler('ecn')])).toThrow(
      'approval document type ecn registered twice',
    );
  });
});
