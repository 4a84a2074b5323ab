import { AppError, type Page, versionConflict } from '@factory/shared';
import type { Deps } from '../deps.js';
import type { OutsourcingOrderRecord, OutsourcingNeed } from '../domain/outsourcing/index.js';
import { expectVersion } from './expressions.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import { declareRecord, isStored, storedList, strings, text, texts } from './records.js';
import type { TxItem } from './transact.js';
import { marking } from './mrpMarks.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

function toNeed(n: Record<string, unknown>): OutsourcingNeed {
  return {
    item: String(n.item ?? n.component),
    qtyPer: text(n.qtyPer) ?? '1',
    lossRate: text(n.lossRate) ?? '0',
    required: text(n.required) ?? '0',
    issued: text(n.issued) ?? '0',
    warehouse: text(n.warehouse) ?? '',
    issueMethod: 'manual',
    ...texts(n, ['trackingNo'], true),
    ...(Array.isArray(n.phantomPath) ? { phantomPath: n.phantomPath.map(String) } : {}),
  };
}

const origins = new Set(['entry', 'mrp', 'import']);

/**
 * The one reading of a stored outsourcing order, whoever wrote it: entry (this repository),
 * MRP release and imports (`supplier`, `issued[]`, no needs until first read). Attributes this
 * reading does not know (`source`, `importId`) are kept in `stored` and written back.
 */
function parse(raw: Record<string, unknown>): OutsourcingOrderRecord {
  if (raw.no === undefined || raw.item === undefined || raw.qty === undefined) {
    throw new Error('no, item and qty are required');
  }
  const source = isStored(raw.source) ? raw.source : undefined;
  const origin = origins.has(String(raw.origin))
    ? (raw.origin as OutsourcingOrderRecord['origin'])
    : source?.mrpRun !== undefined
      ? 'mrp'
      : 'import';
  const list = (v: unknown) =>
    storedList(v).map((c) => ({
      item: String(c.item),
      warehouse: String(c.warehouse ?? ''),
      ...texts(c, ['trackingNo'], true),
      qty: text(c.qty) ?? '0',
    }));
  return {
    ...strings(raw, ['no', 'item', 'qty', 'startDate']),
    origin,
    supplier: text(raw.supplier) ?? '',
    received: text(raw.received) ?? '0',
    dueDate: text(raw.dueDate) ?? String(raw.startDate),
    status: text(raw.status) ?? 'open',
    ...texts(
      raw,
      [
        'orderDate',
        'trackingNo',
        'warehouse',
        'subcontractorWarehouse',
        'bomVersion',
        'note',
        'closeReason',
        'closedAt',
        'openingReceived',
        'returned',
        'createdAt',
        'createdBy',
        'updatedAt',
        'updatedBy',
      ],
      true,
    ),
    ...(Array.isArray(raw.needs) ? { needs: storedList(raw.needs).map(toNeed) } : {}),
    issued: storedList(raw.issued).map((x) => ({ item: String(x.item), qty: text(x.qty) ?? '0' })),
    consumed: list(raw.consumed),
    extras: list(raw.extras),
    documents: storedList(raw.documents).map((d) => ({
      no: String(d.no),
      kind: d.kind as OutsourcingOrderRecord['documents'][number]['kind'],
      date: String(d.date),
      ...texts(d, ['qty', 'unitPrice', 'receipt', 'settlement'], true),
      ...(isStored(d.fee)
        ? {
            fee: {
              amount: Number(d.fee.amount),
              scale: Number(d.fee.scale),
              currency: 'CNY' as const,
            },
          }
        : {}),
    })),
    version: raw.version === undefined ? 1 : Number(raw.version),
    ...(raw.rev !== undefined ? { rev: Number(raw.rev) } : {}),
    ...(source ? { source } : {}),
    ...(raw.importId !== undefined ? { importId: String(raw.importId) } : {}),
  };
}

/**
 * An outsourcing order (委外订单): `OO#<no>`, listed among the outsourcing orders by number
 * (gsi1, the partition MRP reads). Stored with `supplier` (the subcontractor: the name release,
 * imports and MRP use) and `issued[]` (sent per item, what MRP nets the needs by). Every write
 * is a whole put guarded by `rev`, so a send, a receipt and an edit never overwrite each other.
 */
export const outsourcingOrderRecord = /* @__PURE__ */ declareRecord<
  OutsourcingOrderRecord,
  string,
  OutsourcingOrderRecord
>({
  type: 'outsourcingOrder',
  key: (tenant, no) => keys.order(tenant, 'outsourcingOrder', no),
  keys: (tenant, o) => keys.order(tenant, 'outsourcingOrder', o.no),
  attributes: ({ rev, ...o }) => ({ kind: 'outsourcingOrder', ...o, rev: (rev ?? 0) + 1 }),
  parse: (fields) => parse(fields),
});

export function outsourcingOrderRepo(deps: Db, tenant: string) {
  return {
    get: (no: string) => outsourcingOrderRecord.get(deps, tenant, no),

    /** A new order (its number must be free). */
    create(order: OutsourcingOrderRecord): TxItem {
      return {
        ...outsourcingOrderRecord.putNew(
          deps,
          tenant,
          order,
          () => new AppError('resource.exists', `委外订单已存在：${order.no}`, { no: order.no }),
        ),
        ...outsourcingMarks(tenant, order),
      };
    },

    /**
     * The order over the one read (`next.rev` is the revision read; stored records written
     * before this repository carry none), only if nobody wrote it since.
     */
    put(next: OutsourcingOrderRecord): TxItem {
      const item = outsourcingOrderRecord.item(tenant, next);
      const guard =
        next.rev === undefined
          ? {
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#rev)',
              ExpressionAttributeNames: { '#rev': 'rev' },
            }
          : expectVersion(next.rev, 'rev');
      return {
        Put: { TableName: deps.tableName, Item: item, ...guard },
        onConditionFailed: () => versionConflict('outsourcingOrder', next.no, next.version),
        ...outsourcingMarks(tenant, next),
      };
    },
  };
}

/** Outsourcing orders paged by number; by status, subcontractor and item. */
export function listOutsourcingOrderPage(
  deps: Db,
  tenant: string,
  q: { status?: string; subcontractor?: string; item?: string; limit: number; cursor?: string },
): Promise<Page<OutsourcingOrderRecord>> {
  return queryPage(
    deps,
    {
      indexName: 'gsi1',
      partition: { attr: 'gsi1pk', value: keys.ordersByKind(tenant, 'outsourcingOrder') },
      build: (e) => {
        const filters: string[] = [];
        if (q.status === 'open') {
          filters.push(
            `(${e.name('status')} = ${e.value('open')} OR attribute_not_exists(${e.name('status')}))`,
          );
        } else if (q.status === 'completed') {
          filters.push(`${e.name('status')} IN (${e.value('completed')}, ${e.value('received')})`);
        } else if (q.status) {
          filters.push(`${e.name('status')} = ${e.value(q.status)}`);
        }
        if (q.subcontractor) filters.push(`${e.name('supplier')} = ${e.value(q.subcontractor)}`);
        if (q.item) filters.push(`${e.name('item')} = ${e.value(q.item)}`);
        return filters.length ? { filter: filters.join(' AND ') } : {};
      },
    },
    q,
    (raw) => outsourcingOrderRecord.read(raw),
  );
}

/** An outsourcing order is supply of its item and demand for its components (planning marks). */
function outsourcingMarks(tenant: string, order: OutsourcingOrderRecord) {
  return marking(tenant, [
    order.item,
    ...(order.needs ?? []).map((n) => n.item),
    ...order.issued.map((i) => i.item),
  ]);
}
