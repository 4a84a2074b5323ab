import {
  AppError,
  type FieldIssue,
  fitsPrecision,
  type MoneySnapshot,
  qty,
  type SalesOrderLine,
  type SalesOrderLineInput,
  type SalesOrderStatus,
  toQtyString,
} from '@factory/shared';
import { DEFAULT_VAT_RATE, lineAmounts, orderTotals, type OrderTotals } from '../pricing/index.js';

/** What the order rules need to know about an item and a customer. */
export type SalesItemInfo = {
  code: string;
  name: string;
  unit: string;
  precision: number;
  strategy: 'mto' | 'mts';
  active: boolean;
};
export type CustomerInfo = { code: string; name: string; isCustomer: boolean; active: boolean };

/** An order's sums: excluding VAT (`total`, what approvals of old orders saw), VAT, including. */
export type SalesTotals = { total: MoneySnapshot; tax: MoneySnapshot; totalWithTax: MoneySnapshot };

/**
 * Checks an order's customer and lines against master data and prices them: each line's
 * amount excluding VAT (qty × unit price of up to 6 decimals), its VAT at the line's rate (13%
 * when it names none) and the amount including VAT, each to the fen (pricing/amounts.ts); the
 * order's totals are the sums of the lines. A due date before `today` (the business day, in
 * Shanghai) is refused. Every problem is reported with its path (body.customer,
 * body.lines.<i>.qty ...). MTO lines without a tracking number get the order number: their
 * demand is netted only against supply carrying it.
 */
export function priceLines(
  orderNo: string,
  customer: { code: string; info: CustomerInfo | undefined },
  lines: readonly SalesOrderLineInput[],
  items: ReadonlyMap<string, SalesItemInfo>,
  today: string,
  path: (string | number)[] = ['body'],
): { lines: SalesOrderLine[]; totals: SalesTotals; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (!customer.info) {
    issues.push({ path: [...path, 'customer'], message: `客户不存在：${customer.code}` });
  } else if (!customer.info.isCustomer) {
    issues.push({ path: [...path, 'customer'], message: `${customer.code} 不是客户` });
  } else if (!customer.info.active) {
    issues.push({ path: [...path, 'customer'], message: `客户 ${customer.code} 已停用` });
  }
  const out: SalesOrderLine[] = [];
  lines.forEach((l, i) => {
    const at = [...path, 'lines', i];
    const item = items.get(l.item);
    if (!item) {
      issues.push({ path: [...at, 'item'], message: `物料不存在：${l.item}` });
      return;
    }
    if (!item.active) {
      issues.push({ path: [...at, 'item'], message: `物料 ${l.item} 已停用` });
      return;
    }
    if (!fitsPrecision(l.qty, item.precision)) {
      issues.push({
        path: [...at, 'qty'],
        message:
          item.precision === 0
            ? `物料 ${l.item} 的数量必须是整数`
            : `物料 ${l.item} 的数量最多 ${item.precision} 位小数`,
      });
      return;
    }
    if (l.dueDate < today) {
      issues.push({
        path: [...at, 'dueDate'],
        message: `交货日期 ${l.dueDate} 早于今天（${today}），请选择今天或以后的日期`,
      });
      return;
    }
    const vatRate = qty(l.vatRate ?? DEFAULT_VAT_RATE).toString();
    const unitPrice = qty(l.unitPrice).toString();
    const amounts = lineAmounts(l.qty, unitPrice, vatRate);
    if (!amounts) {
      issues.push({ path: [...at, 'qty'], message: '金额（数量 × 单价，含税）超出上限' });
      return;
    }
    const trackingNo = l.trackingNo ?? (item.strategy === 'mto' ? orderNo : undefined);
    out.push({
      line: i + 1,
      item: l.item,
      itemName: item.name,
      unit: item.unit,
      qty: toQtyString(qty(l.qty)),
      // Deliveries are documents of their own (a later issue); an entered line starts at 0.
      delivered: '0',
      unitPrice,
      vatRate,
      ...amounts,
      dueDate: l.dueDate,
      ...(l.promisedDate ? { promisedDate: l.promisedDate } : {}),
      ...(l.promisedDate && l.promiseSource ? { promiseSource: l.promiseSource } : {}),
      ...(trackingNo ? { trackingNo } : {}),
      ...(l.note ? { note: l.note } : {}),
    });
  });
  const sums: OrderTotals = orderTotals(
    out.map((l) => ({ amount: l.amount!, tax: l.tax!, amountWithTax: l.amountWithTax! })),
  );
  return { lines: out, totals: sums, issues };
}

/**
 * Which status changes the order allows. A rejected order is put right and submitted again
 * (an edit makes it a draft again), or cancelled.
 */
const ALLOWED: Record<string, readonly SalesOrderStatus[]> = {
  edit: ['draft', 'rejected'],
  submit: ['draft', 'rejected'],
  cancel: ['draft', 'pending', 'rejected'],
  /** Closing by hand (手工关闭): a confirmed order whose rest is no longer wanted. */
  close: ['confirmed'],
  decide: ['pending'],
  deliver: ['confirmed'],
};

const STATUS_LABEL: Record<SalesOrderStatus, string> = {
  draft: '草稿',
  pending: '审批中',
  confirmed: '已确认',
  rejected: '已驳回',
  cancelled: '已取消',
  closed: '已关闭',
};

export function expectOrderStatus(
  no: string,
  status: SalesOrderStatus,
  action: keyof typeof ALLOWED,
): void {
  const allowed = ALLOWED[action]!;
  if (!allowed.includes(status)) {
    throw new AppError(
      'salesOrder.invalidState',
      `销售订单 ${no} 当前状态为${STATUS_LABEL[status]}，不能执行此操作`,
      { no, status, allowed },
    );
  }
}

export function statusLabel(status: SalesOrderStatus): string {
  return STATUS_LABEL[status];
}
