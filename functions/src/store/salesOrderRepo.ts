import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  AppError,
  type MoneySnapshot,
  type Page,
  type SalesOrder,
  type SalesOrderLine,
  type SalesOrderStatus,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import type { TxItem } from './transact.js';
import { expectVersion } from './expressions.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

const money = (v: unknown): MoneySnapshot | undefined => {
  if (!v || typeof v !== 'object') return undefined;
  const m = v as Record<string, unknown>;
  return { amount: Number(m.amount), scale: Number(m.scale), currency: 'CNY' };
};
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** Imported orders say `open` (or closed/completed/cancelled): they never had a draft state. */
function importedStatus(raw: unknown): SalesOrderStatus {
  const s = String(raw ?? 'open');
  return s === 'cancelled' ? 'cancelled' : 'confirmed';
}

/**
 * Sales orders live in the order records MRP reads (keys.order(tenant,'salesOrder',no)), with
 * the same line shape as imported ones (item, qty as decimal text, dueDate, trackingNo) plus
 * prices. Entered orders carry `origin: 'entry'` and a version for optimistic updates.
 */
export function salesOrderRepo(deps: Db, tenant: string) {
  const TableName = deps.tableName;

  function toSalesOrder(raw: Record<string, unknown>): SalesOrder {
    const entry = raw.origin === 'entry';
    const lines = ((raw.lines as Record<string, unknown>[] | undefined) ?? []).map(
      (l, i): SalesOrderLine => {
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
          dueDate: String(l.dueDate),
          ...(l.trackingNo ? { trackingNo: String(l.trackingNo) } : {}),
          ...(l.note ? { note: String(l.note) } : {}),
        };
      },
    );
    const optional = (k: keyof SalesOrder) => (raw[k] !== undefined ? { [k]: str(raw[k]) } : {});
    return {
      no: String(raw.no),
      origin: entry ? 'entry' : 'import',
      customer: String(raw.customer),
      ...optional('customerName'),
      ...optional('orderDate'),
      status: entry ? (String(raw.status) as SalesOrderStatus) : importedStatus(raw.status),
      ...optional('remark'),
      lines,
      total: money(raw.total) ?? { amount: 0, scale: 2, currency: 'CNY' },
      ...optional('approvalId'),
      version: raw.version === undefined ? 1 : Number(raw.version),
      ...optional('createdAt'),
      ...optional('createdBy'),
      ...optional('updatedAt'),
      ...optional('updatedBy'),
      ...optional('submittedAt'),
      ...optional('decidedAt'),
      ...optional('cancelledAt'),
      ...optional('cancelReason'),
    } as SalesOrder;
  }

  async function get(no: string): Promise<SalesOrder | undefined> {
    const res = await deps.db.send(
      new GetCommand({
        TableName,
        Key: (({ pk, sk }) => ({ pk, sk }))(keys.order(tenant, 'salesOrder', no)),
        ConsistentRead: true,
      }),
    );
    return res.Item ? toSalesOrder(res.Item) : undefined;
  }

  /** Writes the order if it is still at `expected` (undefined: a new order). */
  function put(
    order: SalesOrder,
    expected: number | undefined,
    onConflict?: () => AppError,
  ): TxItem {
    return {
      Put: {
        TableName,
        Item: {
          ...keys.order(tenant, 'salesOrder', order.no),
          type: 'salesOrder',
          kind: 'salesOrder',
          ...order,
        },
        ...expectVersion(expected),
      },
      onConditionFailed: () =>
        expected === undefined
          ? new AppError('resource.exists', `销售订单已存在：${order.no}`, { no: order.no })
          : (onConflict?.() ?? versionConflict('salesOrder', order.no, expected)),
    };
  }

  async function save(order: SalesOrder, expected: number | undefined): Promise<void> {
    const { Put, onConditionFailed } = put(order, expected);
    try {
      await deps.db.send(new PutCommand(Put!));
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException')
        throw onConditionFailed!(undefined);
      throw err;
    }
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
            // Imported orders are 'open'; they show as confirmed.
            filters.push(
              q.status === 'confirmed'
                ? `(${e.name('status')} = ${e.value('confirmed')} OR (attribute_not_exists(${e.name('origin')}) AND ${e.name('status')} <> ${e.value('cancelled')}))`
                : `${e.name('status')} = ${e.value(q.status)}`,
            );
          }
          return filters.length ? { filter: filters.join(' AND ') } : {};
        },
      },
      q,
      toSalesOrder,
    );
  }

  return { get, put, save, list, toSalesOrder };
}
