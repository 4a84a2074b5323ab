import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  type MoneySnapshot,
  type Page,
  type PurchaseOrder,
  type PurchaseOrderLine,
  type PurchaseOrderStatus,
  type PurchaseReturn,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { Expr } from './expressions.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import type { TxItem } from './transact.js';
import { marking } from './mrpMarks.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

const ZERO: MoneySnapshot = { amount: 0, scale: 2, currency: 'CNY' };
const money = (v: unknown): MoneySnapshot | undefined => {
  if (!v || typeof v !== 'object') return undefined;
  const m = v as Record<string, unknown>;
  return { amount: Number(m.amount), scale: Number(m.scale), currency: 'CNY' };
};
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** A stored order and its `rev`: the lock receipts and every change share (orderRepo.update). */
export type StoredPurchaseOrder = {
  order: PurchaseOrder;
  rev: number | undefined;
  /** What an approval (or a submit no rule stopped) last allowed, in fen incl. VAT. */
  approvedTotalFen: number | undefined;
};

function toLine(l: Record<string, unknown>, i: number): PurchaseOrderLine {
  const opt = (k: string) => (l[k] !== undefined && l[k] !== null ? { [k]: String(l[k]) } : {});
  const amount = money(l.amount);
  const tax = money(l.tax);
  const amountWithTax = money(l.amountWithTax);
  return {
    line: l.line === undefined ? i + 1 : Number(l.line),
    item: String(l.item),
    ...opt('itemName'),
    ...opt('unit'),
    qty: String(l.qty),
    received: str(l.received) ?? '0',
    ...opt('unitPrice'),
    ...(l.priceSource === 'priceList' || l.priceSource === 'manual'
      ? { priceSource: l.priceSource }
      : {}),
    ...opt('vatRate'),
    ...(amount ? { amount } : {}),
    ...(tax ? { tax } : {}),
    ...(amountWithTax ? { amountWithTax } : {}),
    dueDate: String(l.dueDate),
    ...opt('trackingNo'),
    ...opt('note'),
    ...(l.closed === true ? { closed: true } : {}),
    ...opt('closedAt'),
  } as PurchaseOrderLine;
}

/** Imported and released orders say open (or closed/completed/cancelled). */
function statusOf(raw: Record<string, unknown>): PurchaseOrderStatus {
  const s = String(raw.status ?? 'open');
  // Receipts mark an order received in full 'received'; imports may say 'completed'.
  if (s === 'completed' || s === 'received') return 'closed';
  return (
    ['draft', 'pending', 'open', 'rejected', 'closed', 'cancelled'].includes(s) ? s : 'open'
  ) as PurchaseOrderStatus;
}

export function toPurchaseOrderDocument(raw: Record<string, unknown>): PurchaseOrder {
  const optional = (k: keyof PurchaseOrder) => (raw[k] !== undefined ? { [k]: str(raw[k]) } : {});
  // Released orders carry their MRP run in `source` (older ones no `origin`); imported ones
  // carry their import there.
  const released = (raw.source as Record<string, unknown> | undefined)?.mrpRun !== undefined;
  const origin =
    raw.origin === 'entry' || raw.origin === 'mrp' ? raw.origin : released ? 'mrp' : 'import';
  return {
    no: String(raw.no),
    origin,
    supplier: String(raw.supplier ?? ''),
    ...optional('supplierName'),
    ...optional('orderDate'),
    status: statusOf(raw),
    ...optional('remark'),
    lines: ((raw.lines as Record<string, unknown>[] | undefined) ?? []).map(toLine),
    total: money(raw.total) ?? ZERO,
    tax: money(raw.tax) ?? ZERO,
    totalWithTax: money(raw.totalWithTax) ?? ZERO,
    ...optional('approvalId'),
    ...optional('request'),
    version: raw.version === undefined ? 1 : Number(raw.version),
    ...optional('createdAt'),
    ...optional('createdBy'),
    ...optional('updatedAt'),
    ...optional('updatedBy'),
    ...optional('submittedAt'),
    ...optional('decidedAt'),
    ...optional('cancelledAt'),
    ...optional('cancelReason'),
    ...(Array.isArray(raw.returns) && raw.returns.length
      ? { returns: raw.returns as PurchaseReturn[] }
      : {}),
  } as PurchaseOrder;
}

/**
 * Purchase orders in the order records MRP and receipts read (keys.order(tenant,
 * 'purchaseOrder', no)): entered, released and imported alike. Every write of an order is
 * guarded by `rev`, which purchase receipts bump too (orderRepo.update), so an edit never
 * overwrites a receipt that landed in between; `version` is what clients send back.
 */
export function purchaseOrderRepo(deps: Db, tenant: string) {
  const TableName = deps.tableName;
  const key = (no: string) => keys.order(tenant, 'purchaseOrder', no);

  async function get(no: string): Promise<StoredPurchaseOrder | undefined> {
    const { pk, sk } = key(no);
    const res = await deps.db.send(
      new GetCommand({ TableName, Key: { pk, sk }, ConsistentRead: true }),
    );
    if (!res.Item) return undefined;
    const { rev, approvedTotalFen } = res.Item;
    return {
      order: toPurchaseOrderDocument(res.Item),
      rev: rev === undefined ? undefined : Number(rev),
      approvedTotalFen: approvedTotalFen === undefined ? undefined : Number(approvedTotalFen),
    };
  }

  /**
   * Writes the order: new (`stored` undefined) or over the record read as `stored`, only if
   * nobody wrote it since (same `rev`). The approved amount is kept unless `extra` sets it.
   */
  function put(
    order: PurchaseOrder,
    stored: StoredPurchaseOrder | undefined,
    extra: { approvedTotalFen?: number } = {},
    onConflict?: () => AppError,
  ): TxItem {
    const e = new Expr();
    const condition = !stored
      ? `attribute_not_exists(${e.name('pk')})`
      : stored.rev === undefined
        ? `attribute_exists(${e.name('pk')}) AND attribute_not_exists(${e.name('rev')})`
        : `${e.name('rev')} = ${e.value(stored.rev)}`;
    return {
      Put: {
        TableName,
        Item: {
          ...key(order.no),
          type: 'purchaseOrder',
          kind: 'purchaseOrder',
          ...order,
          ...((extra.approvedTotalFen ?? stored?.approvedTotalFen) !== undefined
            ? { approvedTotalFen: extra.approvedTotalFen ?? stored?.approvedTotalFen }
            : {}),
          rev: (stored?.rev ?? 0) + 1,
        },
        ...e.build(condition),
      },
      onConditionFailed: () =>
        !stored
          ? new AppError('resource.exists', `采购订单已存在：${order.no}`, { no: order.no })
          : (onConflict?.() ?? versionConflict('purchaseOrder', order.no, order.version - 1)),
      ...marking(
        tenant,
        (order.lines ?? []).map((l) => l.item),
      ),
    };
  }

  return { get, put };
}

/**
 * Purchase orders paged by order number; filters by status, supplier, a search text and an
 * item on a line. Apart from the repository, so an area that only reads and writes single
 * orders (approvals) does not carry it.
 */
export function listPurchaseOrderPage(
  deps: Db,
  tenant: string,
  q: {
    status?: PurchaseOrderStatus;
    supplier?: string;
    q?: string;
    item?: string;
    limit: number;
    cursor?: string;
  },
): Promise<Page<PurchaseOrder>> {
  return queryPage(
    deps,
    {
      indexName: 'gsi1',
      partition: { attr: 'gsi1pk', value: keys.ordersByKind(tenant, 'purchaseOrder') },
      build: (e) => {
        const filters: string[] = [];
        if (q.status === 'open') {
          // Released and imported orders may carry no status: they are open.
          filters.push(
            `(${e.name('status')} = ${e.value('open')} OR attribute_not_exists(${e.name('status')}))`,
          );
        } else if (q.status === 'closed') {
          filters.push(
            `${e.name('status')} IN (${e.value('closed')}, ${e.value('completed')}, ${e.value('received')})`,
          );
        } else if (q.status) {
          filters.push(`${e.name('status')} = ${e.value(q.status)}`);
        }
        if (q.supplier) filters.push(`${e.name('supplier')} = ${e.value(q.supplier)}`);
        if (q.q) {
          const text = e.value(q.q);
          filters.push(
            `(contains(${e.name('no')}, ${text}) OR contains(${e.name('supplier')}, ${text}) OR contains(${e.name('supplierName')}, ${text}) OR contains(${e.name('remark')}, ${text}))`,
          );
        }
        return filters.length ? { filter: filters.join(' AND ') } : {};
      },
      ...(q.item
        ? {
            keep: (raw: Record<string, unknown>) =>
              Array.isArray(raw.lines) &&
              raw.lines.some((l) => (l as Record<string, unknown>).item === q.item),
          }
        : {}),
    },
    q,
    toPurchaseOrderDocument,
  );
}
