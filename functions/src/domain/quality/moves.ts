import {
  type DispositionLine,
  type InspectionOrder,
  type InspectionResult,
  type QuantityString,
  type StockStatus,
  cmpQty,
  negQty,
  qty,
  toQtyString,
} from '@factory/shared';
import type { BalanceRef, PlannedMove } from '../inventory/index.js';

type StatusChange = 'accept' | 'reject' | 'concede' | 'unaccept' | 'unreject';

/**
 * One step of quality on stock: a status change in place (two moves: out of one status, into
 * another, same warehouse, lot and tracking number) or a move out of stock from `rejected`
 * (scrap, return). unaccept and unreject are a reversing result's steps.
 */
export type QualityStepKind = StatusChange | 'scrap' | 'return';

export type QualityPosting = {
  step: QualityStepKind;
  qty: QuantityString;
  /** Signed balance changes at the order's location, line numbers as the posting's. */
  moves: PlannedMove[];
  /** Conceded quantity (让步接收) becoming available: reported apart from accepted. */
  conceded?: true;
};

export type QualityPlan = {
  /** Ledger postings made in the transaction of the result or of the dispositions. */
  postings: QualityPosting[];
  /** A return: the source order line's received quantity falls by this. */
  receivedDecrement?: { order: string; line: number; qty: QuantityString };
  /** Rework: quantity that stays `rejected` until the rework task order takes it. */
  rework?: QuantityString;
  /** Concession: quantity that stays `rejected` until its approval (planConcession). */
  concession?: QuantityString;
};

const STATUS_CHANGES: Record<StatusChange, [StockStatus, StockStatus]> = {
  accept: ['inspection', 'available'],
  reject: ['inspection', 'rejected'],
  concede: ['rejected', 'available'],
  unaccept: ['available', 'inspection'],
  unreject: ['rejected', 'inspection'],
};

function where(order: InspectionOrder, status: StockStatus): BalanceRef {
  return {
    item: order.item,
    warehouse: order.warehouse,
    status,
    lot: order.lot ?? '',
    trackingNo: order.trackingNo ?? '',
  };
}

class Postings {
  readonly list: QualityPosting[] = [];
  constructor(private readonly order: InspectionOrder) {}

  add(step: QualityStepKind, quantity: QuantityString, conceded = false): void {
    if (cmpQty(quantity, '0') <= 0) return;
    const q = toQtyString(qty(quantity));
    const lineNo = this.list.length + 1;
    const moves: PlannedMove[] =
      step === 'scrap' || step === 'return'
        ? [{ ...where(this.order, 'rejected'), lineNo, qty: negQty(q) }]
        : [
            { ...where(this.order, STATUS_CHANGES[step][0]), lineNo, qty: negQty(q) },
            { ...where(this.order, STATUS_CHANGES[step][1]), lineNo, qty: q },
          ];
    this.list.push({ step, qty: q, moves, ...(conceded ? { conceded: true as const } : {}) });
  }
}

/**
 * The ledger moves of a result and, when given, its dispositions (DOMAIN.md "Quality"):
 * accepted goes inspection -> available, rejected inspection -> rejected; then scrap and
 * return go out of stock from `rejected` (a return also lowers the source order line's received
 * quantity), rework and concession stay `rejected` (the rework task order takes the one,
 * the approval of the other moves it: planConcession). A reversing result moves the reversed
 * one's quantities back into `inspection`. The input is assumed checked (checkResult,
 * checkDispositions, checkReversal).
 */
export function planQualityMoves(
  order: InspectionOrder,
  result: InspectionResult,
  dispositions: readonly DispositionLine[] = [],
): QualityPlan {
  const postings = new Postings(order);
  if (result.reverses) {
    postings.add('unaccept', result.accepted);
    postings.add('unreject', result.rejected);
    return { postings: postings.list };
  }
  postings.add('accept', result.accepted);
  postings.add('reject', result.rejected);
  const plan: QualityPlan = { postings: postings.list };
  for (const d of dispositions) {
    switch (d.kind) {
      case 'scrap':
        postings.add('scrap', d.qty);
        break;
      case 'returnToSupplier':
        postings.add('return', d.qty);
        if (order.source?.line) {
          plan.receivedDecrement = {
            order: order.source.order,
            line: order.source.line,
            qty: toQtyString(qty(d.qty)),
          };
        }
        break;
      case 'rework':
        plan.rework = toQtyString(qty(d.qty));
        break;
      case 'concession':
        plan.concession = toQtyString(qty(d.qty));
        break;
    }
  }
  return plan;
}

/**
 * Only the dispositions' own moves (the result was posted before, in its own transaction):
 * planQualityMoves without the result's accept and reject steps.
 */
export function planDispositionMoves(
  order: InspectionOrder,
  result: InspectionResult,
  dispositions: readonly DispositionLine[],
): QualityPlan {
  return planQualityMoves(order, { ...result, accepted: '0', rejected: '0' }, dispositions);
}

/** An approved concession: its quantity goes rejected -> available, flagged as conceded. */
export function planConcession(order: InspectionOrder, quantity: QuantityString): QualityPlan {
  const postings = new Postings(order);
  postings.add('concede', quantity, true);
  return { postings: postings.list };
}
