import {
  type Approval,
  type Item,
  type PickResult,
  type Session,
  type Supplementary,
  type SupplementaryList,
  type SupplementaryRequest,
  type TaskNeed,
  invalidRequest,
  notFound,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { alreadyDecided } from '../../domain/approval/index.js';
import { type Allocation, assertPickable, sourceOf } from '../../domain/issue/index.js';
import { planIssue } from '../../domain/inventory/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { supplementaryRepo } from '../../store/supplementaryRepo.js';
import { taskOrderRepo } from '../../store/taskOrderRepo.js';
import type { ApprovalDocumentHandler, DocumentOutcome } from '../approval/documents.js';
import { completing, type CommitHooks } from '../hooks.js';
import { prepareApproval, stepsFor } from '../approval/submitting.js';
import { loadReferences } from '../references.js';
import { shanghaiDate } from '../time.js';
import { type PickableOrder, getTaskOrder } from './orders.js';
import { loadOrder, postAllocations } from './picking.js';

/** A task order's supplementary issue requests (pending, posted, rejected), newest first. */
export async function listSupplementary(
  deps: Deps,
  s: Session,
  no: string,
): Promise<SupplementaryList> {
  if (!(await taskOrderRepo(deps, s.tenant).get(no))) throw notFound('taskOrder', no);
  return { order: no, items: await supplementaryRepo(deps, s.tenant).listByOrder(no) };
}

/**
 * Supplementary issue (补料): material beyond the standard need, with a reason. It is a
 * document of its own that goes through the approval engine (rules for 'supplementaryIssue');
 * the issue is posted through the stock ledger when the approval is approved (at once when
 * the tenant's rules need no approval). A rejected request posts nothing.
 */
export async function requestSupplementary(
  deps: Deps,
  s: Session,
  no: string,
  req: SupplementaryRequest,
  hooks: CommitHooks<Supplementary> = {},
): Promise<Supplementary> {
  const order = await getTaskOrder(deps, s, no);
  assertPickable(no, order.status);
  const lines = req.lines.map((l, i) => {
    const warehouse = l.warehouse ?? order.needs.find((n) => n.item === l.item)?.warehouse ?? '';
    if (!warehouse) {
      throw invalidRequest([
        { path: ['body', 'lines', i, 'warehouse'], message: `物料 ${l.item} 请指定发料仓库` },
      ]);
    }
    return { item: l.item, warehouse, qty: l.qty };
  });
  // The lines must be postable now (items, warehouses, precision), not only at approval.
  const refs = await loadReferences(
    deps,
    s.tenant,
    lines.map((l) => l.item),
    lines.map((l) => l.warehouse),
  );
  const checked = planIssue({ date: req.date, reason: 'production', lines }, refs);
  if (!checked.ok) {
    throw invalidRequest(checked.issues.map((i) => ({ ...i, path: ['body', ...i.path] })));
  }
  const now = deps.clock.now();
  const rec: Supplementary = {
    no: await nextDocumentNumber(deps, s.tenant, 'BL', shanghaiDate(now)),
    order: no,
    date: req.date,
    reason: req.reason,
    lines,
    status: 'pending',
    createdAt: now.toISOString(),
    createdBy: s.user,
  };
  const repo = supplementaryRepo(deps, s.tenant);
  const subject = {
    docType: 'supplementaryIssue' as const,
    docNo: rec.no,
    fields: [
      { key: '补料单', value: rec.no },
      { key: '生产任务单', value: `${no}（${order.item} × ${order.qty}）` },
      { key: '原因', value: req.reason },
      {
        key: '物料',
        value: lines
          .map((l) => `${l.item} ${l.qty}`)
          .join('，')
          .slice(0, 120),
      },
    ],
  };
  const steps = await stepsFor(deps, s.tenant, subject);
  if (steps.length === 0) {
    await deps.unitOfWork.commit([repo.createItem(rec)]);
    // The posting's last transaction records the result. (Not linked to the key: a retry
    // could not resume this request's posting, only make another request.)
    const posted = (doc: string): Supplementary => ({
      ...rec,
      status: 'posted',
      stockDocument: doc,
    });
    const doc = await postSupplementary(deps, s, rec, {
      ...(hooks.onComplete
        ? { onComplete: (r: PickResult) => hooks.onComplete!(posted(r.documents[0]!)) }
        : {}),
    });
    return posted(doc);
  }
  const { approval, items } = await prepareApproval(deps, s, subject, steps);
  const pending: Supplementary = { ...rec, approvalId: approval.id };
  await deps.unitOfWork.commit(completing(hooks, pending, [repo.createItem(pending), ...items]));
  return pending;
}

/** Posts a pending request to its order; the request becomes 'posted' in the same transaction. */
async function postSupplementary(
  deps: Deps,
  s: Session,
  rec: Supplementary,
  hooks: CommitHooks<PickResult> = {},
): Promise<string> {
  const repo = supplementaryRepo(deps, s.tenant);
  const result = await postAllocations(
    deps,
    s,
    'issue',
    { date: rec.date, note: `补料 ${rec.no}：${rec.reason}`.slice(0, 500), reason: 'production' },
    async () => {
      const order = await loadOrder(deps, s, rec.order);
      const items = (await getMasterRecords(deps, s.tenant, { item: rec.lines.map((l) => l.item) }))
        .item as Map<string, Item>;
      return supplementaryAllocations(order, rec, (code) => items.get(code)?.strategy);
    },
    hooks,
    (doc) => [
      repo.finishItem(rec, { status: 'posted', stockDocument: doc.no }, () =>
        notFound('supplementaryIssue', rec.no),
      ),
    ],
  );
  return result.documents[0]!;
}

/**
 * Each line goes to the first need of its item and warehouse (and draws from that need's
 * stock: its status and tracking number); an item the order has no need for gets a need of
 * its own (required 0), so what was issued stays visible per component, tracked by the
 * order's tracking number when the item is MTO.
 */
export function supplementaryAllocations(
  order: PickableOrder,
  rec: Pick<Supplementary, 'lines'>,
  strategyOf: (item: string) => 'mto' | 'mts' | undefined = () => undefined,
): { orders: PickableOrder[]; allocations: Allocation[] } {
  const needs: TaskNeed[] = [...order.needs];
  const allocations: Allocation[] = rec.lines.map((l) => {
    let i = needs.findIndex((n) => n.item === l.item && n.warehouse === l.warehouse);
    if (i < 0) i = needs.findIndex((n) => n.item === l.item && n.warehouse === '');
    if (i < 0) {
      needs.push({
        item: l.item,
        qtyPer: '0',
        lossRate: '0',
        required: '0',
        issued: '0',
        warehouse: l.warehouse,
        issueMethod: 'manual',
        ...(order.trackingNo && strategyOf(l.item) === 'mto'
          ? { trackingNo: order.trackingNo }
          : {}),
      });
      i = needs.length - 1;
    }
    return {
      order: order.no,
      need: i,
      item: l.item,
      warehouse: l.warehouse,
      qty: l.qty,
      ...sourceOf(needs[i]!),
    };
  });
  return { orders: [{ ...order, needs }], allocations };
}

/** The approval finished: approved posts the issue (its own transaction), rejected marks it. */
export async function finishSupplementaryApproval(
  deps: Deps,
  s: Session,
  approval: Approval,
  outcome: 'approved' | 'rejected',
): Promise<DocumentOutcome> {
  const repo = supplementaryRepo(deps, s.tenant);
  const rec = await repo.get(approval.docNo);
  if (!rec || rec.approvalId !== approval.id) throw alreadyDecided(approval);
  // An earlier decision posted it and then failed to record itself: nothing more to post.
  if (rec.status === 'posted' && outcome === 'approved') return { items: [], document: rec };
  if (rec.status !== 'pending') throw alreadyDecided(approval);
  if (outcome === 'rejected') {
    return {
      items: [repo.finishItem(rec, { status: 'rejected' }, () => alreadyDecided(approval))],
      document: { ...rec, status: 'rejected' },
    };
  }
  const doc = await postSupplementary(deps, s, rec);
  return { items: [], document: { ...rec, status: 'posted', stockDocument: doc } };
}

/**
 * Supplementary issues in the approval engine (an approved one is posted in a transaction of
 * its own); registered at the composition root.
 */
export const supplementaryIssueApproval: ApprovalDocumentHandler = {
  type: 'supplementaryIssue',
  separateWork: true,
  finish: finishSupplementaryApproval,
};
