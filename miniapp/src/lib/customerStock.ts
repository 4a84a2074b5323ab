import type {
  Balance,
  CustomerStock,
  CustomerStockLine,
  IssueRequest,
  Item,
  ReceiptRequest,
  Warehouse,
} from '@factory/shared';
import { compareDecimal } from './decimal';
import { qtyProblem } from './quantity';

/**
 * Customer-supplied material (客供料) on the phone: the receipt from the customer, the
 * per-customer ledger (客供料台账) and the return to the customer. Zero value throughout: no
 * price is asked, none is sent (the API refuses one).
 */

/** A return's quantity: a valid quantity no larger than what the customer has there. */
export function returnProblem(
  text: string,
  precision: number | undefined,
  onHand: string,
): string | undefined {
  const problem = qtyProblem(text, precision);
  if (problem) return problem;
  const q = text.trim();
  if (compareDecimal(q, onHand) > 0) return `退还数量 ${q} 超过结存 ${onHand}`;
  return undefined;
}

/** Customer-supplied warehouses a customer's material may go into: unowned ones or the customer's. */
export function customerWarehouses(
  warehouses: readonly Warehouse[],
  customer: string | undefined,
): Warehouse[] {
  return warehouses.filter(
    (w) =>
      w.active &&
      w.kind === 'customerSupplied' &&
      (!w.partner || !customer || w.partner === customer),
  );
}

/** The warehouse to offer first: the customer's own, else the only one there is. */
export function defaultCustomerWarehouse(
  warehouses: readonly Warehouse[],
  customer: string | undefined,
): string | undefined {
  const offered = customerWarehouses(warehouses, customer);
  return (
    offered.find((w) => customer && w.partner === customer)?.code ??
    (offered.length === 1 ? offered[0]!.code : undefined)
  );
}

/** Items in the order the receipt offers them: this customer's customer-supplied items first. */
export function customerItemsFirst(items: readonly Item[], customer: string | undefined): Item[] {
  const rank = (i: Item) =>
    i.source === 'customerSupplied' && customer && i.customer === customer
      ? 0
      : i.source === 'customerSupplied'
        ? 1
        : 2;
  return items
    .filter((i) => i.active)
    .map((item, at) => ({ item, at }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.at - b.at)
    .map((x) => x.item);
}

/** One line of the receipt being entered. */
export type ReceiptLine = {
  item: string;
  name: string;
  unit: string;
  precision: number;
  qty: string;
};

export type ReceiptCheck =
  { ok: true; body: ReceiptRequest } | { ok: false; errors: Record<string, string> };

/**
 * The receipt's body, or the page's own refusals keyed like the API's (`partner`,
 * `lines.0.warehouse`, `lines.1.qty`): customer, warehouse, at least one line, each quantity.
 */
export function receiptRequest(form: {
  date: string;
  customer?: string;
  warehouse?: string;
  ref?: string;
  lines: readonly ReceiptLine[];
}): ReceiptCheck {
  const errors: Record<string, string> = {};
  if (!form.customer) errors.partner = '请选择客户';
  if (!form.warehouse) errors.warehouse = '请选择客供料仓';
  if (!form.lines.length) errors.lines = '请扫码或选择物料';
  form.lines.forEach((l, i) => {
    const problem = qtyProblem(l.qty, l.precision);
    if (problem) errors[`lines.${i}.qty`] = problem;
  });
  if (Object.keys(errors).length || !form.customer || !form.warehouse) return { ok: false, errors };
  const ref = form.ref?.trim();
  return {
    ok: true,
    body: {
      date: form.date,
      reason: 'customerSupplied',
      partner: form.customer,
      ...(ref ? { ref } : {}),
      lines: form.lines.map((l) => ({
        item: l.item,
        warehouse: form.warehouse!,
        qty: l.qty.trim(),
        customer: form.customer!,
      })),
    },
  };
}

/** An API field key of the receipt as the page shows it: every line's warehouse is the one field. */
export function receiptField(key: string): string {
  if (/^lines\.\d+\.warehouse$/.test(key)) return 'warehouse';
  if (/^lines\.\d+\.customer$/.test(key)) return 'partner';
  return key;
}

/** What the latest plan asks the customer to supply for one item, by due date. */
export type SupplyRequest = { qty: string; dueDate: string; late: boolean };

export type LedgerRow = CustomerStockLine & { requests: SupplyRequest[] };

/**
 * The ledger's rows: each line with the plan's requests of its customer and item (earliest
 * due first); a request for an item with no line yet gets a row of its own (nothing moved).
 */
export function ledgerRows(
  stock: CustomerStock,
  names: { customer: (code: string) => string; item: (code: string) => string },
): LedgerRow[] {
  const key = (customer: string, item: string) => `${customer}|${item}`;
  const rows = new Map<string, LedgerRow>();
  for (const l of stock.lines) rows.set(key(l.customer, l.item), { ...l, requests: [] });
  for (const r of stock.requests) {
    const k = key(r.customer, r.item);
    let row = rows.get(k);
    if (!row) {
      row = {
        customer: r.customer,
        customerName: names.customer(r.customer),
        item: r.item,
        name: names.item(r.item),
        unit: '',
        received: '0',
        issued: '0',
        returned: '0',
        adjusted: '0',
        onHand: '0',
        requested: r.qty,
        requests: [],
      };
      rows.set(k, row);
    }
    row.requests.push({ qty: r.qty, dueDate: r.dueDate, late: r.late });
  }
  for (const row of rows.values()) row.requests.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return [...rows.values()];
}

/** Whether a row asks the customer for material (待客户供料). */
export const isRequested = (row: Pick<LedgerRow, 'requested'>): boolean =>
  compareDecimal(row.requested, '0') > 0;

/** Whether there is anything to give back. */
export const hasOnHand = (row: Pick<LedgerRow, 'onHand'>): boolean =>
  compareDecimal(row.onHand, '0') > 0;

/**
 * Where a customer's item can be returned from: its available balances in customer-supplied
 * warehouses owned by that customer, largest first.
 */
export function returnSources(
  balances: readonly Balance[],
  warehouses: readonly Warehouse[],
  customer: string,
): Balance[] {
  const cs = new Set(warehouses.filter((w) => w.kind === 'customerSupplied').map((w) => w.code));
  return balances
    .filter(
      (b) =>
        cs.has(b.warehouse) &&
        b.status === 'available' &&
        (b.customer ?? customer) === customer &&
        compareDecimal(b.qty, '0') > 0,
    )
    .sort((a, b) => compareDecimal(b.qty, a.qty));
}

/** The key of one balance among the sources. */
export const sourceKey = (b: Pick<Balance, 'warehouse' | 'lot' | 'trackingNo'>): string =>
  `${b.warehouse}|${b.lot}|${b.trackingNo}`;

/**
 * The issue that gives material back to its owner (退还客户): reason returnToCustomer, the
 * customer as partner and as the line's owner, from the chosen balance (its lot and tracking
 * number kept).
 */
export function returnRequest(form: {
  date: string;
  customer: string;
  item: string;
  from: Pick<Balance, 'warehouse' | 'lot' | 'trackingNo'>;
  qty: string;
}): IssueRequest {
  return {
    date: form.date,
    reason: 'returnToCustomer',
    partner: form.customer,
    lines: [
      {
        item: form.item,
        warehouse: form.from.warehouse,
        qty: form.qty.trim(),
        customer: form.customer,
        ...(form.from.lot ? { lot: form.from.lot } : {}),
        ...(form.from.trackingNo ? { trackingNo: form.from.trackingNo } : {}),
      },
    ],
  };
}
