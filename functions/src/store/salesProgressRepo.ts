import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Balance, PurchaseOrder } from '@factory/shared';
import type { Deps } from '../deps.js';
import { Expr } from './expressions.js';
import { keys } from './keys.js';
import { toPurchaseOrderDocument } from './purchaseOrderRepo.js';
import { queryAll } from './query.js';
import { balanceRecord } from './stockRepo.js';
import { type TaskOrderRecord, taskOrderRecord } from './taskOrderRepo.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

/** The most values a DynamoDB IN comparison takes. */
const MAX_IN = 100;

/** Every item of a gsi1 partition the filter keeps, page after page. */
async function queryFiltered(
  deps: Db,
  partition: string,
  filter: (e: Expr) => string,
): Promise<Record<string, unknown>[]> {
  const e = new Expr();
  const key = `${e.name('gsi1pk')} = ${e.value(partition)}`;
  const FilterExpression = filter(e);
  const parts = e.build();
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: key,
        FilterExpression,
        ExpressionAttributeNames: parts.ExpressionAttributeNames,
        ExpressionAttributeValues: parts.ExpressionAttributeValues,
        ExclusiveStartKey: start,
      }),
    );
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * What the rep's progress view of a sales order reads (usecases/sales/progress.ts): the task
 * orders and purchase orders that may serve it, and an item's stock. The task orders are found
 * among the tenant's task orders by a filter (tracking number, or made from a sales order), the
 * purchase orders among the placed ones (open or closed); both read the index partition once,
 * which the demo factory's few hundred orders allow. A tracking-number index is the next step
 * when a tenant's orders outgrow it.
 */
export function salesProgressRepo(deps: Db, tenant: string) {
  /** Task orders carrying one of the tracking numbers, or made from sales order lines. */
  async function taskOrdersFor(trackingNos: readonly string[]): Promise<TaskOrderRecord[]> {
    const raw = await queryFiltered(deps, keys.ordersByKind(tenant, 'taskOrder'), (e) => {
      const bySales = `attribute_exists(${e.name('salesOrders')})`;
      if (!trackingNos.length) return bySales;
      // IN takes at most 100 values: past that, every tracked order (the caller picks).
      const tracked =
        trackingNos.length <= MAX_IN
          ? `${e.name('trackingNo')} IN (${trackingNos.map((t) => e.value(t)).join(', ')})`
          : `attribute_exists(${e.name('trackingNo')})`;
      return `(${tracked} OR ${bySales})`;
    });
    return raw.map((r) => taskOrderRecord.read(r));
  }

  /** Placed purchase orders (open or closed): the caller picks the lines it wants. */
  async function placedPurchaseOrders(): Promise<PurchaseOrder[]> {
    const raw = await queryFiltered(deps, keys.ordersByKind(tenant, 'purchaseOrder'), (e) => {
      const placed = ['draft', 'pending', 'rejected', 'cancelled'].map((v) => e.value(v));
      return `NOT ${e.name('status')} IN (${placed.join(', ')})`;
    });
    return raw.map(toPurchaseOrderDocument);
  }

  /** Every balance of an item (all warehouses, statuses, lots and tracking numbers). */
  async function balancesOf(item: string): Promise<Balance[]> {
    const raw = await queryAll(deps, { attr: 'pk', value: keys.balancePartition(tenant, item) });
    return raw.map((r) => balanceRecord.read(r));
  }

  return { taskOrdersFor, placedPurchaseOrders, balancesOf };
}
