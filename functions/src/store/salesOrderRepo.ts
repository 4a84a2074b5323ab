import {
  AppError,
  type MoneySnapshot,
  type Page,
  type SalesOrder,
  type SalesOrderLine,
  type SalesOrderStatus,
  versionConflict,
  zSalesOrder,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { ENDED_ORDER_STATUSES, isOrderOpen } from '../domain/states.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import { declareRecord, isStored, type StoredItem, storedList, text } from './records.js';
import type { TxItem } from './transact.js';
import { marking } from './mrpMarks.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

const money = (v: unknown): MoneySnapshot | undefined =>
  isStored(v) ? { amount: Number(v.amount), scale: Number(v.scale), currency: 'CNY' } : undefined;

/**
 * Imported orders say `open` (or closed/completed/cancelled): they never had a draft state. An
 * ended one (closed, completed: isOrderOpen) reads as closed, an open one as confirmed.
 */
function importedStatus(raw: unknown): SalesOrderStatus {
  const s = String(raw ?? 'open');
  if (s === 'cancelled') return 'cancelled';
  return isOrderOpen(s) ? 'confirmed' : 'closed';
}

/** The stored statuses of an imported order no longer open (cancelled among them). */
const IMPORTED_ENDED = [...ENDED_ORDER_STATUSES];
const IMPORTED_CLOSED = IMPORTED_ENDED.filter((v) => v !== 'cancelled');

function toLine(l: StoredItem, i: number): SalesOrderLine {
  const amount = money(l.amount);
  return {
    line: l.line === undefined ? i + 1 : Number(l.line),
    item: String(l.item),
    ...(l.itemName ? { itemName: String(l.itemName) } : {}),
    ...(l.unit ? { unit: String(l.unit) } : {}),
    qty: String(l.qty),
    delivered: l.delivered === undefined ? '0' : String(l.delivered),
    ...(l.unitPrice !== undefined ? { unitPrice: String(l.unitPrice) } : {}),
    ...(amount ? { amount } : {}),
    // Absent on lines entered before VAT per line (and on imported ones).
    ...(l.vatRate !== undefined ? { vatRate: String(l.vatRate) } : {}),
    ...(isStored(l.tax) ? { tax: money(l.tax)! } : {}),
    ...(isStored(l.amountWithTax) ? { amountWithTax: money(l.amountWithTax)! } : {}),
    dueDate: String(l.dueDate),
    ...(l.promisedDate ? { promisedDate: String(l.promisedDate) } : {}),
    ...(l.promiseSource
      ? { promiseSource: String(l.promiseSource) as SalesOrderLine['promiseSource'] }
      : {}),
    ...(l.trackingNo ? { trackingNo: String(l.trackingNo) } : {}),
    ...(l.note ? { note: String(l.note) } : {}),
  };
}

const OPTIONAL_TEXT = [
  'customerName',
  'orderDate',
  'remark',
  'approvalId',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'submittedAt',
  'decidedAt',
  'cancelledAt',
  'cancelReason',
  'closedAt',
  'closedBy',
  'closeReason',
] as const;

/**
 * A sales order as stored: entered ones (`origin: 'entry'`, versioned) and imported ones (no
 * origin, no draft state, no prices: they read back as confirmed or cancelled, version 1).
 * Parsed by the shared contract after those defaults.
 */
export const salesOrderRecord = /* @__PURE__ */ declareRecord<SalesOrder, { no: string }>({
  type: 'salesOrder',
  key: (tenant, o) => keys.order(tenant, 'salesOrder', o.no),
  extra: () => ({ kind: 'salesOrder' }),
  parse: (raw) => {
    const entry = raw.origin === 'entry';
    const optional: StoredItem = {};
    for (const k of OPTIONAL_TEXT) if (raw[k] !== undefined) optional[k] = text(raw[k]);
    return zSalesOrder.parse({
      no: String(raw.no),
      origin: entry ? 'entry' : 'import',
      customer: String(raw.customer),
      status: entry ? String(raw.status) : importedStatus(raw.status),
      lines: storedList(raw.lines).map(toLine),
      total: money(raw.total) ?? { amount: 0, scale: 2, currency: 'CNY' },
      // Orders entered before VAT per line have neither: their total excludes VAT.
      ...(isStored(raw.tax) ? { tax: money(raw.tax) } : {}),
      ...(isStored(raw.totalWithTax) ? { totalWithTax: money(raw.totalWithTax) } : {}),
      version: raw.version === undefined ? 1 : Number(raw.version),
      ...optional,
    });
  },
});

/**
 * Sales orders live in the order records MRP reads (keys.order(tenant,'salesOrder',no)), with
 * the same line shape as imported ones (item, qty as decimal text, dueDate, trackingNo) plus
 * prices. Entered orders carry `origin: 'entry'` and a version for optimistic updates.
 */
export function salesOrderRepo(deps: Db, tenant: string) {
  const toSalesOrder = salesOrderRecord.read;

  function get(no: string): Promise<SalesOrder | undefined> {
    return salesOrderRecord.get(deps, tenant, { no });
  }

  /** Writes the order if it is still at `expected` (undefined: a new order). */
  function put(
    order: SalesOrder,
    expected: number | undefined,
    onConflict?: () => AppError,
  ): TxItem {
    return {
      ...salesOrderRecord.putAt(deps, tenant, order, expected, () =>
        expected === undefined
          ? new AppError('resource.exists', `销售订单已存在：${order.no}`, { no: order.no })
          : (onConflict?.() ?? versionConflict('salesOrder', order.no, expected)),
      ),
      // A draft is no demand yet; every later state is, or was (closing, cancelling).
      ...(order.status !== 'draft'
        ? marking(
            tenant,
            (order.lines ?? []).map((l) => l.item),
          )
        : {}),
    };
  }
  /** Paged by order number; `owner` keeps only the orders a user created. */
  function list(q: {
    status?: SalesOrderStatus;
    owner?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<SalesOrder>> {
    return queryPage(
      deps,
      {
        indexName: 'gsi1',
        partition: { attr: 'gsi1pk', value: keys.ordersByKind(tenant, 'salesOrder') },
        build: (e) => {
          const filters: string[] = [];
          if (q.owner) filters.push(`${e.name('createdBy')} = ${e.value(q.owner)}`);
          if (q.status) {
            // Imported orders are 'open' (confirmed) or ended (closed), as importedStatus reads.
            // Every name and value placed is used (DynamoDB refuses unused ones).
            const status = e.name('status');
            const imported = () => `attribute_not_exists(${e.name('origin')})`;
            const among = (vs: string[]) => vs.map((v) => e.value(v)).join(', ');
            filters.push(
              q.status === 'confirmed'
                ? `(${status} = ${e.value('confirmed')} OR (${imported()} AND NOT ${status} IN (${among(IMPORTED_ENDED)})))`
                : q.status === 'closed'
                  ? `(${status} = ${e.value('closed')} OR (${imported()} AND ${status} IN (${among(IMPORTED_CLOSED)})))`
                  : `${status} = ${e.value(q.status)}`,
            );
          }
          return filters.length ? { filter: filters.join(' AND ') } : {};
        },
      },
      q,
      toSalesOrder,
    );
  }

  return { get, put, list, toSalesOrder };
}
