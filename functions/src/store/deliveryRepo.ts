import {
  AppError,
  type CustomerReturn,
  type Delivery,
  type Page,
  versionConflict,
  zCustomerReturn,
  zDelivery,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { Expr } from './expressions.js';
import { keys } from './keys.js';
import { queryPage } from './query.js';
import { declareRecord } from './records.js';
import type { TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

/** A delivery as stored: the document, and the reps whose orders it shipped (for their lists). */
export type StoredDelivery = Delivery & { owners?: string[] };

/**
 * A delivery (发货单): the document as one JSON text, with the attributes its list filters
 * read beside it (customer, date, the orders shipped from and their reps) and its version.
 */
export const deliveryRecord = /* @__PURE__ */ declareRecord<StoredDelivery, { no: string }>({
  type: 'delivery',
  key: (tenant, d) => keys.delivery(tenant, d as { no: string; date?: string }),
  storage: { kind: 'json', attribute: 'doc' },
  attributes: ({ owners: _owners, ...d }) => d,
  extra: (d) => ({
    customer: d.customer,
    date: d.date,
    orders: d.salesOrders,
    owners: d.owners ?? [],
    version: d.version,
  }),
  parse: (fields, stored) => ({
    ...zDelivery.parse(fields),
    owners: Array.isArray(stored.owners) ? stored.owners.map(String) : [],
  }),
});

/** A customer return (销售退货): one JSON text. */
export const customerReturnRecord = /* @__PURE__ */ declareRecord<CustomerReturn, { no: string }>({
  type: 'customerReturn',
  key: (tenant, r) => ({ pk: keys.delivery(tenant, r).pk, sk: 'R' }),
  storage: { kind: 'json', attribute: 'doc' },
  extra: (r) => ({ delivery: r.delivery, customer: r.customer }),
  parse: (fields) => zCustomerReturn.parse(fields),
});

export type DeliveryFilter = {
  customer?: string;
  salesOrder?: string;
  from?: string;
  to?: string;
  /** A rep's view: only deliveries that shipped one of their orders. */
  owner?: string;
  limit: number;
  cursor?: string;
};

export function deliveryRepo(deps: Db, tenant: string) {
  return {
    get: (no: string) => deliveryRecord.get(deps, tenant, { no }),

    /** A new delivery (its number must be free). */
    putNew(d: StoredDelivery): TxItem {
      return deliveryRecord.putNew(
        deps,
        tenant,
        d,
        () => new AppError('resource.exists', `发货单已存在：${d.no}`, { no: d.no }),
      );
    },

    /** The delivery again, if still at `expected` (a return changed its lines' `returned`). */
    putAt(d: StoredDelivery, expected: number): TxItem {
      return deliveryRecord.putAt(deps, tenant, d, expected, () =>
        versionConflict('delivery', d.no, expected),
      );
    },

    /** Newest first (by shipment date, then number). */
    list(q: DeliveryFilter): Promise<Page<Delivery>> {
      return queryPage(
        deps,
        {
          indexName: 'gsi1',
          partition: { attr: 'gsi1pk', value: keys.delivery(tenant, { no: '' }).gsi1pk },
          descending: true,
          build: (e) => {
            let sortKey: string | undefined;
            // Sort keys are `<date>#<no>`: a date range is a key range.
            if (q.from && q.to) {
              sortKey = `${e.name('gsi1sk')} BETWEEN ${e.value(`${q.from}#`)} AND ${e.value(`${q.to}#~`)}`;
            } else if (q.from) sortKey = `${e.name('gsi1sk')} >= ${e.value(`${q.from}#`)}`;
            else if (q.to) sortKey = `${e.name('gsi1sk')} <= ${e.value(`${q.to}#~`)}`;
            const filters: string[] = [];
            if (q.customer) filters.push(`${e.name('customer')} = ${e.value(q.customer)}`);
            if (q.salesOrder)
              filters.push(`contains(${e.name('orders')}, ${e.value(q.salesOrder)})`);
            if (q.owner) filters.push(`contains(${e.name('owners')}, ${e.value(q.owner)})`);
            return {
              ...(sortKey ? { sortKey } : {}),
              ...(filters.length ? { filter: filters.join(' AND ') } : {}),
            };
          },
        },
        q,
        (raw) => deliveryRecord.read(raw),
      );
    },

    getReturn: (no: string) => customerReturnRecord.get(deps, tenant, { no }),

    putReturn(r: CustomerReturn): TxItem {
      return customerReturnRecord.putNew(
        deps,
        tenant,
        r,
        () => new AppError('resource.exists', `销售退货单已存在：${r.no}`, { no: r.no }),
      );
    },
  };
}

/**
 * The change a delivery (or a customer return) makes to one sales order: each changed line's
 * `delivered` (by 0-based index), the order's status when it changes, its version bumped. The
 * write holds only if the order is still at the version read (imported orders carry none until
 * their first change), so two deliveries of the same order cannot both count on what was open.
 */
export function salesOrderDeliveredUpdate(
  deps: Db,
  tenant: string,
  order: { no: string; version: number; hasVersion: boolean },
  delivered: ReadonlyMap<number, string>,
  set: { status?: string; closedAt?: string },
  at: string,
): TxItem {
  const e = new Expr();
  let update = e.update({
    set: { ...set, version: order.version + 1, updatedAt: at },
  });
  for (const [i, qty] of delivered) {
    update += `, ${e.name('lines')}[${i}].${e.name('delivered')} = ${e.value(qty)}`;
  }
  const condition = order.hasVersion
    ? `${e.name('version')} = ${e.value(order.version)}`
    : `attribute_exists(pk) AND attribute_not_exists(${e.name('version')})`;
  const { pk, sk } = keys.order(tenant, 'salesOrder', order.no);
  return {
    Update: { TableName: deps.tableName, Key: { pk, sk }, ...e.forUpdate(update, condition) },
    onConditionFailed: () => versionConflict('salesOrder', order.no, order.version),
  };
}
