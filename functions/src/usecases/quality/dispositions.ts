import {
  type Approval,
  type Disposition,
  type DispositionInput,
  type InspectionDisposed,
  type InspectionRecord,
  type InspectionResult,
  type Item,
  type Partner,
  type Unit,
  type PurchaseReturn,
  type Session,
  cmpQty,
  invalidRequest,
  subQty,
  sumQty,
  fenMoney,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { alreadyDecided } from '../../domain/approval/index.js';
import type { PlannedMove } from '../../domain/inventory/index.js';
import { statusAfterReturn, valueFen } from '../../domain/purchasing/index.js';
import {
  checkDispositions,
  planConcession,
  planDispositionMoves,
  type QualityPlan,
} from '../../domain/quality/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { orderRepo } from '../../store/orderRepo.js';
import { purchaseOrderRepo } from '../../store/purchaseOrderRepo.js';
import { qualityRepo } from '../../store/qualityRepo.js';
import { stockRepo, type DocumentHeader } from '../../store/stockRepo.js';
import { taskOrderRepo } from '../../store/taskOrderRepo.js';
import type { TxItem } from '../../store/transact.js';
import type { ApprovalDocumentHandler, DocumentOutcome } from '../approval/documents.js';
import { prepareApproval, stepsFor } from '../approval/submitting.js';
import { completing, type CommitHooks } from '../hooks.js';
import { outsourcingReturnWrites } from '../outsourcing/productReturns.js';
import { documentsWrites } from '../posting.js';
import { PURCHASE_RETURN_REASON } from '../purchasing/returns.js';
import { planRework } from '../taskOrders/rework.js';
import { shanghaiDate } from '../time.js';
import {
  commitQuality,
  factOf,
  loadInspection,
  qualityDocument,
  QUALITY_REASON,
  resultInForce,
  retryOnOrderConflict,
  undisposedOf,
} from './inspections.js';

type Doc = { header: DocumentHeader; moves: PlannedMove[] };

const only = (plan: QualityPlan, step: 'scrap' | 'return'): QualityPlan => ({
  postings: plan.postings.filter((p) => p.step === step),
});

/**
 * Splits an inspected order's undisposed rejected quantity (DOMAIN.md "Quality"): scrap goes
 * out of stock from `rejected` (an issue, reason scrap: valued in costing like any issue);
 * return goes back to the supplier (a purchase return document at the receipt's price: the
 * order line's received falls, so MRP sees it open again unless the line is closed); rework
 * becomes a rework task order taking the quantity from `rejected`; a concession waits for its
 * approval (through the engine; the quantity stays `rejected` until it is approved). A return
 * of an outsourcing receipt goes back to the subcontractor against its outsourcing order. The
 * documents, the purchase order, the task order, the approval and its first card, the
 * inspection order and the idempotency record are one transaction.
 */
export function disposeInspection(
  deps: Deps,
  s: Session,
  no: string,
  input: DispositionInput,
  hooks: CommitHooks<InspectionDisposed> = {},
): Promise<InspectionDisposed> {
  return retryOnOrderConflict(async () => {
    const order = await loadInspection(deps, s.tenant, no);
    const result = resultInForce(order);
    const master = await getMasterRecords(deps, s.tenant, {
      item: [order.item],
      ...(order.unit ? { unit: [order.unit] } : {}),
      ...(order.partner ? { partner: [order.partner] } : {}),
    });
    const item = master.item?.get(order.item) as Item | undefined;
    const unitName = order.unit
      ? (master.unit?.get(order.unit) as Unit | undefined)?.name
      : undefined;
    const partnerName = order.partner
      ? (master.partner?.get(order.partner) as Partner | undefined)?.name
      : undefined;
    const undisposed = undisposedOf(order);
    if (!result) {
      throw invalidRequest([{ path: ['body'], message: `检验单 ${order.no} 尚未检验，不能处置` }]);
    }
    const checked = checkDispositions({ ...result, rejected: undisposed }, input, {
      order,
      item: {
        code: order.item,
        precision: item?.precision ?? 0,
        source: item?.source ?? 'purchased',
      },
    });
    if (!checked.ok) throw invalidRequest(checked.issues);

    const plan = planDispositionMoves(order, { ...result, rejected: undisposed }, input.lines);
    const now = deps.clock.now();
    const at = now.toISOString();
    const docs: Doc[] = [];
    const writes: TxItem[] = [];
    const made = new Map<string, string>();

    const scrap = await qualityDocument(deps, s, order, only(plan, 'scrap'), {
      prefix: 'QS',
      kind: 'issue',
      reason: 'scrap',
      note: `检验单 ${order.no} 不合格报废`,
    });
    if (scrap) {
      docs.push(scrap);
      made.set('scrap', scrap.header.no);
    }
    const ret = await qualityDocument(deps, s, order, only(plan, 'return'), {
      prefix: 'PR',
      kind: 'receipt',
      reason: PURCHASE_RETURN_REASON,
      note: `检验单 ${order.no} 不合格退货`,
    });
    if (ret) {
      const back =
        order.receipt.kind === 'outsourcing'
          ? await outsourcingReturnWrites(deps, s, order, ret, plan.receivedDecrement!, at)
          : await purchaseReturnWrites(deps, s, order, ret, plan, at);
      docs.push(back.doc);
      writes.push(back.update);
      made.set('returnToSupplier', ret.header.no);
    }
    if (plan.rework) {
      const line = input.lines.find((l) => l.kind === 'rework')!;
      const today = shanghaiDate(now);
      const rework = await planRework(deps, s, {
        item: order.item,
        qty: plan.rework,
        warehouse: order.warehouse,
        reason: line.note ?? `检验单 ${order.no} 不合格返修`,
        ...(order.receipt.kind === 'production' && order.source
          ? { sourceOrder: order.source.order }
          : {}),
        lines: [],
        dueDate: line.dueDate && line.dueDate > today ? line.dueDate : today,
        priority: 5,
        ...(order.trackingNo ? { trackingNo: order.trackingNo } : {}),
        status: 'released',
      });
      writes.push(taskOrderRepo(deps, s.tenant).createItem(rework));
      made.set('rework', rework.no);
    }
    let approval: Approval | undefined;
    let concededNow = false;
    if (plan.concession) {
      const concessionNote = input.lines.find((l) => l.kind === 'concession')?.note;
      const unit = unitName ?? order.unit;
      const subject = {
        docType: 'concession' as const,
        docNo: order.no,
        fields: [
          { key: '检验单', value: order.no },
          {
            key: '物料',
            value: order.itemName ? `${order.itemName}（${order.item}）` : order.item,
          },
          {
            key: '让步数量',
            value: `${plan.concession}${unit ? ` ${unit}` : ''}`,
          },
          { key: '入库单', value: order.receipt.doc },
          ...(order.partner ? [{ key: '往来单位', value: partnerName ?? order.partner }] : []),
          ...(concessionNote ? [{ key: '说明', value: concessionNote }] : []),
        ],
      };
      const steps = await stepsFor(deps, s.tenant, subject);
      if (steps.length) {
        const prepared = await prepareApproval(deps, s, subject, steps);
        approval = prepared.approval;
        writes.push(...prepared.items);
      } else {
        // The tenant's rules ask no approval: the concession is granted as it is posted.
        const conceded = await qualityDocument(
          deps,
          s,
          order,
          planConcession(order, plan.concession),
          {
            prefix: 'QT',
            kind: 'transfer',
            reason: QUALITY_REASON,
            note: `检验单 ${order.no} 让步接收`,
          },
        );
        if (conceded) docs.push(conceded);
        concededNow = true;
      }
    }

    const dispositions: Disposition[] = input.lines.map((l) => ({
      kind: l.kind,
      qty: l.qty,
      ...(l.note ? { note: l.note } : {}),
      ...(made.has(l.kind) ? { doc: made.get(l.kind)! } : {}),
      ...(l.kind === 'concession'
        ? approval
          ? { approval: { id: approval.id, status: 'pending' as const } }
          : { approval: { id: '', status: 'approved' as const } }
        : {}),
      at,
      by: s.user,
      ...(s.name ? { byName: s.name } : {}),
    }));
    const next: InspectionRecord = {
      ...order,
      status: 'disposed',
      dispositions: [...order.dispositions, ...dispositions],
      version: order.version + 1,
    };
    if (concededNow) writes.push(qualityRepo(deps, s.tenant).putFact(concededFact(next, result)));
    const answer: InspectionDisposed = {
      inspection: { ...next, undisposed: undisposedOf(next) },
      dispositions,
      documents: [
        ...docs.map((d) => d.header.no),
        ...(made.has('rework') ? [made.get('rework')!] : []),
      ],
    };
    await commitQuality(
      deps,
      s,
      docs,
      completing(hooks, answer, [
        qualityRepo(deps, s.tenant).replaceInspection(next, order.version),
        ...writes,
      ]),
    );
    return answer;
  });
}

/** The result's report fact with the quantity conceded by approved concessions. */
function concededFact(order: InspectionRecord, result: InspectionResult) {
  const conceded = sumQty(
    order.dispositions
      .filter((d) => d.kind === 'concession' && d.approval?.status === 'approved')
      .map((d) => d.qty),
  );
  return { ...factOf(order, result), ...(cmpQty(conceded, '0') > 0 ? { conceded } : {}) };
}

/**
 * A return to the supplier of a purchase receipt's rejected goods: the document's moves carry
 * the receipt's unit cost (a negative receipt, costing rule 2), and the order gets the return
 * on its list and the line's received lowered, guarded by its revision.
 */
async function purchaseReturnWrites(
  deps: Deps,
  s: Session,
  order: InspectionRecord,
  doc: Doc,
  plan: QualityPlan,
  at: string,
): Promise<{ doc: Doc; update: TxItem }> {
  const decrement = plan.receivedDecrement!;
  const stored = await purchaseOrderRepo(deps, s.tenant).get(decrement.order);
  const po = stored?.order;
  const line = po?.lines[decrement.line - 1];
  if (!stored || !po || !line) {
    throw invalidRequest([
      {
        path: ['body', 'lines'],
        message: `找不到来源采购订单行：${decrement.order} 第 ${decrement.line} 行`,
      },
    ]);
  }
  const receipt = await stockRepo(deps, s.tenant).getDocument(order.receipt.doc);
  const unitCost = receipt?.moves[order.receipt.line - 1]?.unitCost;
  const moves = doc.moves.map((m) => ({
    ...m,
    lineNo: decrement.line,
    ...(unitCost ? { unitCost } : {}),
  }));
  const amountFen = unitCost ? valueFen(decrement.qty, unitCost) : 0;
  const received = po.lines.map((l, i) =>
    i === decrement.line - 1 ? subQty(l.received, decrement.qty) : l.received,
  );
  const header: DocumentHeader = {
    ...doc.header,
    ref: po.no,
    ...(po.supplier ? { partner: po.supplier } : {}),
  };
  const record: PurchaseReturn = {
    no: header.no,
    purchaseOrder: po.no,
    supplier: po.supplier,
    date: header.date,
    reason: `检验单 ${order.no} 不合格退货`,
    lines: [
      {
        line: decrement.line,
        item: line.item,
        ...(order.itemName ? { itemName: order.itemName } : {}),
        ...(order.unit ? { unit: order.unit } : {}),
        receipt: order.receipt.doc,
        qty: decrement.qty,
        ...(unitCost ? { unitCost, amount: fenMoney(amountFen) } : {}),
        from: [
          {
            warehouse: order.warehouse,
            status: 'rejected',
            ...(order.lot ? { lot: order.lot } : {}),
            ...(order.trackingNo ? { trackingNo: order.trackingNo } : {}),
            qty: decrement.qty,
          },
        ],
      },
    ],
    amount: fenMoney(amountFen),
    postedAt: at,
    postedBy: s.user,
  };
  const status = statusAfterReturn(po.status, po.lines, received);
  const update = orderRepo(deps, s.tenant).update(
    'purchaseOrder',
    po.no,
    stored.rev,
    {
      returns: [...(po.returns ?? []), record],
      version: po.version + 1,
      updatedBy: s.user,
      ...(status !== po.status ? { status } : {}),
    },
    at,
    new Map([[decrement.line - 1, received[decrement.line - 1]!]]),
  );
  return { doc: { header, moves }, update };
}

/**
 * A concession's approval finished: approved, its quantity goes rejected -> available (flagged
 * conceded in the reports); rejected, the quantity is undisposed again and the order waits for
 * another disposition. Both in the decision's transaction, guarded by the order's version.
 */
async function finishConcession(
  deps: Deps,
  s: Session,
  approval: Approval,
  outcome: 'approved' | 'rejected',
): Promise<DocumentOutcome> {
  const repo = qualityRepo(deps, s.tenant);
  const order = await repo.getInspection(approval.docNo);
  const index = order?.dispositions.findIndex(
    (d) => d.kind === 'concession' && d.approval?.id === approval.id,
  );
  const disposition = index !== undefined && index >= 0 ? order!.dispositions[index] : undefined;
  const result = order && resultInForce(order);
  if (!order || !disposition || disposition.approval?.status !== 'pending' || !result) {
    throw alreadyDecided(approval);
  }
  const dispositions = order.dispositions.map((d, i) =>
    i === index ? { ...d, approval: { id: approval.id, status: outcome } } : d,
  );
  const next: InspectionRecord = {
    ...order,
    dispositions,
    status: outcome === 'approved' ? order.status : 'inspected',
    version: order.version + 1,
  };
  const items: TxItem[] = [];
  if (outcome === 'approved') {
    const doc = await qualityDocument(deps, s, order, planConcession(order, disposition.qty), {
      prefix: 'QT',
      kind: 'transfer',
      reason: QUALITY_REASON,
      note: `检验单 ${order.no} 让步接收（审批 ${approval.id}）`,
    });
    if (doc) {
      items.push(...(await documentsWrites(deps, s.tenant, [doc])));
    }
    items.push(repo.putFact(concededFact(next, result)));
  }
  items.push(repo.replaceInspection(next, order.version));
  return { items, document: { ...next, undisposed: undisposedOf(next) } };
}

/** Concessions in the approval engine; registered at the composition root. */
export const concessionApproval: ApprovalDocumentHandler = {
  type: 'concession',
  separateWork: false,
  finish: finishConcession,
};
