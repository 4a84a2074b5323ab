import {
  type FieldIssue,
  type MoneySnapshot,
  type PurchaseOrder,
  type PurchaseReturnCreate,
  type PurchaseReturnLine,
  type StockStatus,
  cmpQty,
  fitsPrecision,
  lineAmountFen,
  moneyToDecimalString,
  qty,
  subQty,
  toQtyString,
  fenMoney,
} from '@factory/shared';
import type { PlannedMove } from '../inventory/index.js';

/** One move of a receipt document, as a return needs it. */
export type ReceiptMoveFacts = {
  lineNo: number;
  item: string;
  warehouse: string;
  status: StockStatus;
  lot: string;
  trackingNo: string;
  qty: string;
  unitCost?: MoneySnapshot;
};

/** A posted stock document that may be one of the order's purchase receipts. */
export type ReceiptFacts = {
  no: string;
  kind: string;
  reason?: string;
  ref?: string;
  status: string;
  moves: readonly ReceiptMoveFacts[];
};

export type PlannedReturn = {
  lines: PurchaseReturnLine[];
  /** Negative receipt moves, line numbers as in the return, each at its receipt's unit cost. */
  moves: PlannedMove[];
  /** Each order line's received quantity after the return. */
  received: string[];
  /** Sum of the lines' amounts, in fen. */
  amountFen: number;
};

/** qty × a unit cost at any scale, half up to the fen. */
export function valueFen(quantity: string, unitCost: MoneySnapshot): number {
  return lineAmountFen(quantity, moneyToDecimalString(unitCost));
}

/**
 * Plans a return to the supplier (采购退货) of an open or closed order: each line gives back a
 * quantity of an order line out of one of its receipts, from the balances that receipt put
 * stock into (its moves for that line, in order, after what earlier returns already took from
 * it), at that receipt's unit cost: a negative receipt, so costing values it at the returned
 * receipt's price (DOMAIN.md costing rule 2). A line cannot return more than its receipt
 * brought in, less earlier returns against it, nor more than the order line holds as received.
 * Every problem is reported with its path (body.lines.<i>.<field>).
 */
export function planPurchaseReturn(
  order: PurchaseOrder,
  input: PurchaseReturnCreate,
  receipts: ReadonlyMap<string, ReceiptFacts>,
  precisionOf: (item: string) => number | undefined,
): { ok: true; value: PlannedReturn } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const received = order.lines.map((l) => l.received);
  // What earlier returns (and earlier lines of this one) took per receipt and order line.
  const taken = new Map<string, string>();
  const key = (receipt: string, line: number) => `${receipt}#${line}`;
  for (const r of order.returns ?? []) {
    for (const l of r.lines) {
      const k = key(l.receipt, l.line);
      taken.set(k, toQtyString(qty(taken.get(k) ?? '0').plus(l.qty)));
    }
  }
  const lines: PurchaseReturnLine[] = [];
  const moves: PlannedMove[] = [];
  let amountFen = 0;
  input.lines.forEach((l, i) => {
    const at = (f: string) => ['body', 'lines', i, f];
    const orderLine = order.lines[l.line - 1];
    if (!orderLine) {
      issues.push({ path: at('line'), message: `采购订单 ${order.no} 没有第 ${l.line} 行` });
      return;
    }
    const receipt = receipts.get(l.receipt);
    const own = (receipt?.moves ?? []).filter((m) => m.lineNo === l.line && cmpQty(m.qty, '0') > 0);
    if (
      !receipt ||
      receipt.kind !== 'receipt' ||
      receipt.reason !== 'purchase' ||
      receipt.ref !== order.no ||
      receipt.status !== 'posted' ||
      own.length === 0
    ) {
      issues.push({
        path: at('receipt'),
        message: `${l.receipt} 不是采购订单 ${order.no} 第 ${l.line} 行的采购入库单`,
      });
      return;
    }
    const precision = precisionOf(orderLine.item);
    if (precision !== undefined && !fitsPrecision(l.qty, precision)) {
      issues.push({
        path: at('qty'),
        message:
          precision === 0
            ? `物料 ${orderLine.item} 的数量必须是整数`
            : `物料 ${orderLine.item} 的数量最多 ${precision} 位小数`,
      });
      return;
    }
    const k = key(l.receipt, l.line);
    const before = taken.get(k) ?? '0';
    const brought = own.reduce((a, m) => a.plus(m.qty), qty(0));
    const left = toQtyString(brought.minus(before));
    const lineLeft = received[l.line - 1]!;
    if (cmpQty(l.qty, left) > 0 || cmpQty(l.qty, lineLeft) > 0) {
      const can = cmpQty(left, lineLeft) < 0 ? left : lineLeft;
      issues.push({
        path: at('qty'),
        message: `退货数量 ${l.qty} 超过可退数量 ${can}（入库单 ${l.receipt} 第 ${l.line} 行入库 ${toQtyString(brought)}，已退 ${before}）`,
      });
      return;
    }
    // Walk the receipt's moves for the line: skip what earlier returns took, then take qty.
    let skip = qty(before);
    let want = qty(l.qty);
    const from: PurchaseReturnLine['from'] = [];
    let lineFen = 0;
    let unitCost: MoneySnapshot | undefined;
    for (const m of own) {
      if (want.isZero()) break;
      let avail = qty(m.qty);
      const skipped = skip.lessThan(avail) ? skip : avail;
      avail = avail.minus(skipped);
      skip = skip.minus(skipped);
      if (avail.isZero()) continue;
      const part = want.lessThan(avail) ? want : avail;
      want = want.minus(part);
      const partQty = toQtyString(part);
      const status = l.status ?? m.status;
      from.push({
        warehouse: m.warehouse,
        status,
        ...(m.lot ? { lot: m.lot } : {}),
        ...(m.trackingNo ? { trackingNo: m.trackingNo } : {}),
        qty: partQty,
      });
      moves.push({
        item: m.item,
        warehouse: m.warehouse,
        status,
        lot: m.lot,
        trackingNo: m.trackingNo,
        lineNo: i + 1,
        qty: toQtyString(part.negated()),
        ...(m.unitCost ? { unitCost: m.unitCost } : {}),
      });
      if (m.unitCost) {
        unitCost ??= m.unitCost;
        lineFen += valueFen(partQty, m.unitCost);
      }
    }
    taken.set(k, toQtyString(qty(before).plus(l.qty)));
    received[l.line - 1] = subQty(lineLeft, l.qty);
    amountFen += lineFen;
    lines.push({
      line: l.line,
      item: orderLine.item,
      ...(orderLine.itemName ? { itemName: orderLine.itemName } : {}),
      ...(orderLine.unit ? { unit: orderLine.unit } : {}),
      receipt: l.receipt,
      qty: toQtyString(qty(l.qty)),
      ...(unitCost ? { unitCost, amount: fenMoney(lineFen) } : {}),
      from,
    });
  });
  return issues.length
    ? { ok: false, issues }
    : { ok: true, value: { lines, moves, received, amountFen } };
}

/**
 * The order's status after a return: a line given back below its ordered quantity is expected
 * again unless it is closed, so an order that was done (received in full, or every line
 * received or closed) is open again when such a line exists; otherwise it keeps its status.
 */
export function statusAfterReturn(
  storedStatus: string,
  lines: readonly { qty: string; closed?: boolean }[],
  received: readonly string[],
): string {
  const done = lines.every((l, i) => l.closed || cmpQty(received[i]!, l.qty) >= 0);
  return done ? storedStatus : 'open';
}
