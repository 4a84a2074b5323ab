import {
  type InspectionRecord,
  type Session,
  invalidRequest,
  qty as toQty,
  toQtyString,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  assertAction,
  processingFee,
  statusAfterReceived,
  type OutsourcingOrderRecord,
} from '../../domain/outsourcing/index.js';
import { outsourcingOrderRepo } from '../../store/outsourcingOrderRepo.js';
import type { TxItem } from '../../store/transact.js';
import type { OutsourcingDoc } from './commit.js';

/** The reason of a return of rejected product to the subcontractor (委外退货). */
export const PRODUCT_RETURN_REASON = 'outsourcingReturn';

/**
 * Quality's return of an outsourcing receipt's rejected product to the subcontractor: the
 * document (out of `rejected`, ref = the outsourcing order, partner = the subcontractor) and
 * the order's update in the disposition's transaction, guarded by its revision: its received
 * falls by the quantity (so MRP sees it open again, unless the order is closed; a completed
 * order is open again) and the quantity is kept as `returned`, so the replacement's receipt
 * consumes material again.
 */
export async function outsourcingReturnWrites(
  deps: Deps,
  s: Session,
  inspection: InspectionRecord,
  doc: OutsourcingDoc,
  decrement: { order: string; qty: string },
  at: string,
): Promise<{ doc: OutsourcingDoc; update: TxItem }> {
  const order = await outsourcingOrderRepo(deps, s.tenant).get(decrement.order);
  if (!order) {
    throw invalidRequest([
      { path: ['body', 'lines'], message: `找不到来源委外订单：${decrement.order}` },
    ]);
  }
  assertAction(order, 'returnProduct');
  const received = toQtyString(toQty(order.received).minus(decrement.qty));
  const price = order.documents.find((d) => d.no === inspection.receipt.doc)?.unitPrice;
  const header = {
    ...doc.header,
    reason: PRODUCT_RETURN_REASON,
    ref: order.no,
    partner: order.supplier,
    note: `检验单 ${inspection.no} 不合格退回外协厂`,
  };
  const next: OutsourcingOrderRecord = {
    ...order,
    received,
    status: statusAfterReceived(order, received),
    returned: toQtyString(toQty(order.returned ?? '0').plus(decrement.qty)),
    documents: [
      ...order.documents,
      {
        no: header.no,
        kind: 'productReturn',
        date: header.date,
        qty: decrement.qty,
        receipt: inspection.receipt.doc,
        // The returned goods take back the fee their receipt accrued, at its price.
        ...(price ? { unitPrice: price, fee: processingFee(decrement.qty, price) } : {}),
      },
    ],
    version: order.version + 1,
    updatedAt: at,
    updatedBy: s.user,
  };
  return {
    doc: { header, moves: doc.moves.map((m) => ({ ...m, lineNo: 1 })) },
    update: outsourcingOrderRepo(deps, s.tenant).put(next),
  };
}
