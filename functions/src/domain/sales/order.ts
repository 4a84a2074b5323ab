import { halfUp, transformScale } from 'dinero.js';
import {
  AppError,
  type FieldIssue,
  fitsPrecision,
  lineAmountFen,
  type MoneySnapshot,
  qty,
  type SalesOrderLine,
  type SalesOrderLineInput,
  type SalesOrderStatus,
  snapshot,
  sumMoney,
  fromSnapshot,
  toQtyString,
} from '@factory/shared';

/** "1234.5" (at most 2 places, as the contract enforces) -> 123450 fen, from the digits. */
export function priceToFen(price: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(price);
  if (!m) throw new RangeError(`not a price: ${price}`);
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new RangeError(`price too large: ${price}`);
  return fen;
}

/**
 * qty × unit price, rounded half up to the fen: the shared money algebra's line amount
 * (`lineAmountFen`, the one the contract checks), exact for any quantity in the range.
 */
export function lineAmount(quantity: string, unitPrice: string): MoneySnapshot {
  return { amount: lineAmountFen(quantity, unitPrice), scale: 2, currency: 'CNY' };
}

export function totalOf(amounts: readonly MoneySnapshot[]): MoneySnapshot {
  return snapshot(transformScale(sumMoney(amounts.map(fromSnapshot)), 2, halfUp));
}

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

/**
 * Checks an order's customer and lines against master data and prices them. Every problem is
 * reported with its path (body.customer, body.lines.<i>.qty ...). MTO lines without a tracking
 * number get the order number: their demand is netted only against supply carrying it.
 */
export function priceLines(
  orderNo: string,
  customer: { code: string; info: CustomerInfo | undefined },
  lines: readonly SalesOrderLineInput[],
  items: ReadonlyMap<string, SalesItemInfo>,
  path: (string | number)[] = ['body'],
): { lines: SalesOrderLine[]; total: MoneySnapshot; issues: FieldIssue[] } {
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
    const trackingNo = l.trackingNo ?? (item.strategy === 'mto' ? orderNo : undefined);
    out.push({
      line: i + 1,
      item: l.item,
      itemName: item.name,
      unit: item.unit,
      qty: toQtyString(qty(l.qty)),
      // Deliveries are documents of their own (a later issue); an entered line starts at 0.
      delivered: '0',
      unitPrice: l.unitPrice,
      amount: lineAmount(l.qty, l.unitPrice),
      dueDate: l.dueDate,
      ...(trackingNo ? { trackingNo } : {}),
      ...(l.note ? { note: l.note } : {}),
    });
  });
  const total = totalOf(out.map((l) => l.amount!));
  return { lines: out, total, issues };
}

/**
 * Which status changes the order allows. A rejected order is put right and submitted again
 * (an edit makes it a draft again), or cancelled.
 */
const ALLOWED: Record<string, readonly SalesOrderStatus[]> = {
  edit: ['draft', 'rejected'],
  submit: ['draft', 'rejected'],
  cancel: ['draft', 'pending', 'rejected'],
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
