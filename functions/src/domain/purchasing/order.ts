import {
  AppError,
  type FieldIssue,
  type PurchaseOrderLine,
  type PurchaseOrderLineInput,
  type PurchaseOrderStatus,
  cmpQty,
  fitsPrecision,
  invalidRequest,
  qty,
  toQtyString,
} from '@factory/shared';
import { DEFAULT_VAT_RATE, lineAmounts, orderTotals, type OrderTotals } from '../pricing/index.js';
import { lookupPrice, type PriceEntry } from './priceList.js';

/** What the order rules need to know about an item and a supplier. */
export type PurchaseItemInfo = {
  code: string;
  name: string;
  unit: string;
  precision: number;
  active: boolean;
  /** A customer-supplied item's customer: it is asked of the customer, never bought. */
  customerSupplied?: string;
};
export type SupplierInfo = { code: string; name: string; isSupplier: boolean; active: boolean };

/**
 * Checks an order's supplier and lines against master data and prices them: a typed unit price
 * wins, else the supplier's price list on the order date (the highest quantity break not above
 * the line's qty); the VAT rate is the line's, else the price list entry's, else 13%. Every
 * problem is reported with its path (body.supplier, body.lines.<i>.unitPrice ...).
 * `previous` (the stored lines, on an edit) keeps what receipts and closing recorded: a received
 * line keeps its item and cannot go below what was received; a closed line stays as it was.
 */
export function priceLines(
  supplier: { code: string; info: SupplierInfo | undefined },
  lines: readonly PurchaseOrderLineInput[],
  items: ReadonlyMap<string, PurchaseItemInfo>,
  prices: readonly PriceEntry[],
  orderDate: string,
  previous: readonly PurchaseOrderLine[] = [],
  path: (string | number)[] = ['body'],
): { lines: PurchaseOrderLine[]; totals: OrderTotals; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (!supplier.info) {
    issues.push({ path: [...path, 'supplier'], message: `供应商不存在：${supplier.code}` });
  } else if (!supplier.info.isSupplier) {
    issues.push({ path: [...path, 'supplier'], message: `${supplier.code} 不是供应商` });
  } else if (!supplier.info.active) {
    issues.push({ path: [...path, 'supplier'], message: `供应商 ${supplier.code} 已停用` });
  }
  previous.forEach((p, i) => {
    if (i >= lines.length && (cmpQty(p.received, '0') > 0 || p.closed)) {
      issues.push({
        path: [...path, 'lines'],
        message: `第 ${p.line} 行已入库或已关闭，不能删除`,
      });
    }
  });
  const out: PurchaseOrderLine[] = [];
  lines.forEach((l, i) => {
    const at = [...path, 'lines', i];
    const before = previous[i];
    if (before?.closed) {
      out.push(before);
      return;
    }
    const item = items.get(l.item);
    if (!item) return void issues.push({ path: [...at, 'item'], message: `物料不存在：${l.item}` });
    if (!item.active)
      return void issues.push({ path: [...at, 'item'], message: `物料 ${l.item} 已停用` });
    if (item.customerSupplied && !before) {
      return void issues.push({
        path: [...at, 'item'],
        message: `物料 ${l.item} 是客户 ${item.customerSupplied} 的客供料，向客户要料，不采购`,
      });
    }
    const received = before?.received ?? '0';
    if (before && cmpQty(received, '0') > 0) {
      if (before.item !== l.item) {
        return void issues.push({
          path: [...at, 'item'],
          message: `第 ${before.line} 行已入库 ${received}，不能更换物料`,
        });
      }
      if (cmpQty(l.qty, received) < 0) {
        return void issues.push({
          path: [...at, 'qty'],
          message: `第 ${before.line} 行已入库 ${received}，数量不能小于已入库数量`,
        });
      }
    }
    if (!fitsPrecision(l.qty, item.precision)) {
      return void issues.push({
        path: [...at, 'qty'],
        message:
          item.precision === 0
            ? `物料 ${l.item} 的数量必须是整数`
            : `物料 ${l.item} 的数量最多 ${item.precision} 位小数`,
      });
    }
    const listed =
      l.unitPrice === undefined
        ? lookupPrice(prices, {
            supplier: supplier.code,
            item: l.item,
            qty: l.qty,
            date: orderDate,
          })
        : undefined;
    const unitPrice = l.unitPrice === undefined ? listed?.unitPrice : qty(l.unitPrice).toString();
    if (unitPrice === undefined) {
      return void issues.push({
        path: [...at, 'unitPrice'],
        message: `供应商 ${supplier.code} 在 ${orderDate} 没有物料 ${l.item} 的有效价格，请填写单价`,
      });
    }
    const vatRate = qty(l.vatRate ?? listed?.vatRate ?? DEFAULT_VAT_RATE).toString();
    const amounts = lineAmounts(l.qty, unitPrice, vatRate);
    if (!amounts) {
      return void issues.push({
        path: [...at, 'qty'],
        message: '金额（数量 × 单价，含税）超出上限',
      });
    }
    out.push({
      line: i + 1,
      item: l.item,
      itemName: item.name,
      unit: item.unit,
      qty: toQtyString(qty(l.qty)),
      received,
      unitPrice,
      priceSource: l.unitPrice === undefined ? 'priceList' : 'manual',
      vatRate,
      ...amounts,
      dueDate: l.dueDate,
      ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
      ...(l.note ? { note: l.note } : {}),
    });
  });
  const totals = orderTotals(
    out.flatMap((l) =>
      l.amount && l.tax && l.amountWithTax
        ? [{ amount: l.amount, tax: l.tax, amountWithTax: l.amountWithTax }]
        : [],
    ),
  );
  return { lines: out, totals, issues };
}

/** Which statuses each action allows. */
const ALLOWED = {
  edit: ['draft', 'rejected', 'open'],
  submit: ['draft', 'rejected'],
  cancel: ['draft', 'pending', 'rejected', 'open'],
  closeLine: ['open'],
  return: ['open', 'closed'],
  share: ['open', 'closed'],
  decide: ['pending'],
} as const satisfies Record<string, readonly PurchaseOrderStatus[]>;
export type PurchaseAction = keyof typeof ALLOWED;

const STATUS_LABEL: Record<PurchaseOrderStatus, string> = {
  draft: '草稿',
  pending: '审批中',
  open: '已审核',
  rejected: '已驳回',
  closed: '已关闭',
  cancelled: '已取消',
};

export function statusLabel(status: PurchaseOrderStatus): string {
  return STATUS_LABEL[status];
}

export function expectPurchaseStatus(
  no: string,
  status: PurchaseOrderStatus,
  action: PurchaseAction,
): void {
  const allowed: readonly PurchaseOrderStatus[] = ALLOWED[action];
  if (!allowed.includes(status)) {
    throw new AppError(
      'purchaseOrder.invalidState',
      `采购订单 ${no} 当前状态为${STATUS_LABEL[status]}，不能执行此操作`,
      { no, status, allowed },
    );
  }
}

/** An open order with receipts cannot be cancelled: its open lines are closed instead. */
export function expectCancellable(
  no: string,
  status: PurchaseOrderStatus,
  lines: readonly PurchaseOrderLine[],
): void {
  expectPurchaseStatus(no, status, 'cancel');
  if (status === 'open' && lines.some((l) => cmpQty(l.received, '0') > 0)) {
    throw new AppError(
      'purchaseOrder.invalidState',
      `采购订单 ${no} 已有入库，不能取消，请关闭未完成的行`,
      { no, status },
    );
  }
}

/**
 * Where an edit leaves the order: a draft or rejected order is a draft; an open order stays
 * open unless its amount including VAT went above what was approved, which needs approval again
 * (back to draft: no receipts and no MRP supply until submitted and approved).
 */
export function statusAfterEdit(
  status: PurchaseOrderStatus,
  approvedFen: number | undefined,
  newTotalWithTaxFen: number,
): PurchaseOrderStatus {
  if (status !== 'open') return 'draft';
  return approvedFen !== undefined && newTotalWithTaxFen > approvedFen ? 'draft' : 'open';
}

/**
 * Closes one line of an open order (短交关闭): what was not received is no longer expected.
 * When every line is closed or fully received, the order is closed.
 */
export function closeLine(
  no: string,
  status: PurchaseOrderStatus,
  lines: readonly PurchaseOrderLine[],
  line: number,
  at: string,
): { lines: PurchaseOrderLine[]; status: PurchaseOrderStatus } {
  expectPurchaseStatus(no, status, 'closeLine');
  const target = lines[line - 1];
  if (!target) {
    throw invalidRequest([
      { path: ['params', 'line'], message: `采购订单 ${no} 没有第 ${line} 行` },
    ]);
  }
  if (target.closed) {
    throw new AppError('purchaseOrder.invalidState', `采购订单 ${no} 第 ${line} 行已关闭`, {
      no,
      line,
    });
  }
  const next = lines.map((l, i) => (i === line - 1 ? { ...l, closed: true, closedAt: at } : l));
  const done = next.every((l) => l.closed || cmpQty(l.received, l.qty) >= 0);
  return { lines: next, status: done ? 'closed' : status };
}
