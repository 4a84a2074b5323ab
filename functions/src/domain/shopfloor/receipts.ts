import {
  AppError,
  type FieldIssue,
  type ProductionReceiptRequest,
  type PurchaseReceiptRequest,
  addQty,
  cmpQty,
  subQty,
  sumQty,
} from '@factory/shared';
import { CLOSED_ORDER_STATUSES } from '../states.js';
import type { PurchaseOrderFacts, TaskOrderFacts } from './types.js';

/** Entered purchase orders before approval: nothing is ordered from the supplier yet. */
const UNAPPROVED = new Set(['draft', 'pending', 'rejected']);

export function assertReceivable(kind: 'purchaseOrder' | 'taskOrder', no: string, status: string) {
  if (kind === 'purchaseOrder' && UNAPPROVED.has(status)) {
    throw new AppError('order.invalidState', `采购订单 ${no} 尚未审核，不能入库`, {
      order: no,
      kind,
      status,
    });
  }
  if (CLOSED_ORDER_STATUSES.has(status)) {
    const label = kind === 'purchaseOrder' ? '采购订单' : '生产任务单';
    throw new AppError(
      'order.invalidState',
      `${label} ${no} 已${status === 'closed' ? '关闭' : '取消'}，不能再入库或报工`,
      {
        order: no,
        kind,
        status,
      },
    );
  }
}

export type PlannedPurchaseLine = {
  /** The purchase order line, 1-based: it is also the stock document's line number. */
  line: number;
  item: string;
  warehouse: string;
  qty: string;
  lot?: string;
  trackingNo?: string;
};

/**
 * Checks a purchase receipt against its order: every line exists and has a warehouse (given,
 * else the item's default), and no line is received beyond its ordered quantity unless
 * allowed (409 receipt.overReceipt naming line, ordered, received and requested). Returns
 * the lines to post and the order lines' new received quantities.
 */
export function planPurchaseReceipt(
  order: PurchaseOrderFacts,
  req: PurchaseReceiptRequest,
  defaultWarehouse: (item: string) => string | undefined,
):
  | { ok: true; lines: PlannedPurchaseLine[]; received: string[] }
  | { ok: false; issues: FieldIssue[] } {
  assertReceivable('purchaseOrder', order.no, order.status);
  const issues: FieldIssue[] = [];
  const lines: PlannedPurchaseLine[] = [];
  const requested = new Map<number, string[]>();
  req.lines.forEach((l, i) => {
    const ordered = order.lines[l.line - 1];
    if (!ordered) {
      issues.push({
        path: ['lines', i, 'line'],
        message: `采购订单 ${order.no} 没有第 ${l.line} 行`,
      });
      return;
    }
    if (ordered.closed) {
      issues.push({
        path: ['lines', i, 'line'],
        message: `采购订单 ${order.no} 第 ${l.line} 行已关闭，不能再入库`,
      });
      return;
    }
    const warehouse = l.warehouse ?? defaultWarehouse(ordered.item);
    if (!warehouse) {
      issues.push({
        path: ['lines', i, 'warehouse'],
        message: `物料 ${ordered.item} 没有默认仓库，请指定入库仓库`,
      });
      return;
    }
    requested.set(l.line, [...(requested.get(l.line) ?? []), l.qty]);
    lines.push({
      line: l.line,
      item: ordered.item,
      warehouse,
      qty: l.qty,
      ...(l.lot ? { lot: l.lot } : {}),
      ...(ordered.trackingNo ? { trackingNo: ordered.trackingNo } : {}),
    });
  });
  if (issues.length) return { ok: false, issues };

  const received = order.lines.map((l) => l.received);
  for (const [line, qtys] of [...requested].sort((a, b) => a[0] - b[0])) {
    const ordered = order.lines[line - 1]!;
    const asked = sumQty(qtys);
    const after = addQty(ordered.received, asked);
    if (!req.allowOverReceipt && cmpQty(after, ordered.qty) > 0) {
      throw new AppError(
        'receipt.overReceipt',
        `超量收货：采购订单 ${order.no} 第 ${line} 行（${ordered.item}）订购 ${ordered.qty}，已收 ${ordered.received}，本次 ${asked}`,
        {
          order: order.no,
          line,
          item: ordered.item,
          ordered: ordered.qty,
          received: ordered.received,
          requested: asked,
        },
      );
    }
    received[line - 1] = after;
  }
  return { ok: true, lines, received };
}

/**
 * Checks a production receipt against its task order: partial receipts are fine; beyond the
 * order quantity only when allowed (409 receipt.overReceipt), and beyond the good quantity
 * reported only when allowed (409 receipt.aboveReported), as a report beyond the order
 * quantity is. What the order received before its first receipt in the product
 * (`openingReceived`: an imported order's opening quantity) was never reported here and
 * counts as reported. Returns the order's new received quantity.
 */
export function checkProductionReceipt(
  order: TaskOrderFacts,
  req: Pick<ProductionReceiptRequest, 'qty' | 'allowOverReceipt' | 'allowAboveReported'>,
): { received: string } {
  assertReceivable('taskOrder', order.no, order.status);
  const after = addQty(order.received, req.qty);
  const qtyIssue = (message: string, code: string): FieldIssue[] => [
    { path: ['body', 'qty'], message, code },
  ];
  if (!req.allowOverReceipt && cmpQty(after, order.qty) > 0) {
    const message = `超量入库：生产任务单 ${order.no}（${order.item}）计划 ${order.qty}，已入库 ${order.received}，本次 ${req.qty}`;
    throw new AppError(
      'receipt.overReceipt',
      message,
      {
        order: order.no,
        item: order.item,
        ordered: order.qty,
        received: order.received,
        requested: req.qty,
      },
      qtyIssue(message, 'receipt.overReceipt'),
    );
  }
  const opening = order.openingReceived ?? order.received;
  const receivedHere = subQty(after, opening);
  if (!req.allowAboveReported && cmpQty(receivedHere, order.reportedGood) > 0) {
    const before = subQty(order.received, opening);
    const left = subQty(order.reportedGood, before);
    const receivable = cmpQty(left, '0') > 0 ? left : '0';
    const message =
      `入库超过报工良品：生产任务单 ${order.no}（${order.item}）已报良品 ${order.reportedGood}，` +
      `已入库 ${before}${cmpQty(opening, '0') > 0 ? `（另有期初已入库 ${opening}）` : ''}，` +
      `本次 ${req.qty}，最多还能入库 ${receivable}；请先报工，或由班组长允许超出报工入库`;
    throw new AppError(
      'receipt.aboveReported',
      message,
      {
        order: order.no,
        item: order.item,
        reported: order.reportedGood,
        received: before,
        opening,
        requested: req.qty,
        receivable,
      },
      qtyIssue(message, 'receipt.aboveReported'),
    );
  }
  return { received: after };
}

/** Adds issued quantities per item to a task order's `issued` list, keeping its order. */
export function addIssued(
  issued: readonly { item: string; qty: string }[],
  more: readonly { item: string; qty: string }[],
): { item: string; qty: string }[] {
  const out = issued.map((x) => ({ ...x }));
  for (const m of more) {
    const found = out.find((x) => x.item === m.item);
    if (found) found.qty = addQty(found.qty, m.qty);
    else out.push({ item: m.item, qty: m.qty });
  }
  return out;
}
