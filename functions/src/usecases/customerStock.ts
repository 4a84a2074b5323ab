import {
  type CustomerStock,
  type CustomerStockQuery,
  type Item,
  type Partner,
  type Session,
  type Warehouse,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { customerStockTotals } from '../domain/inventory/index.js';
import { keys } from '../store/keys.js';
import { getMasterRecords, masterDataRepo } from '../store/masterDataRepo.js';
import { queryAll } from '../store/query.js';
import { balanceRecord, moveRecord } from '../store/stockRepo.js';
import { plannedOrders } from './mrp/plannedOrders.js';

/**
 * The per-customer report of customer-supplied material (客供料台账): for every customer and
 * item it holds or is asked for, what came from the customer, went to task orders (net of
 * returns), went back, was adjusted, and is on hand; with the latest plan's requests to the
 * customer (`customerSupply` planned orders). Reads the tenant's items (to find the
 * customer-supplied ones), the balances of its customer-supplied warehouses, and the ledger
 * of each item concerned.
 */
export async function customerStock(
  deps: Deps,
  s: Session,
  q: CustomerStockQuery,
): Promise<CustomerStock> {
  const tenant = s.tenant;
  const wanted = (customer: string | undefined) =>
    customer !== undefined && (q.customer === undefined || customer === q.customer);
  const [itemRows, warehouseRows] = await Promise.all([
    queryAll(deps, { attr: 'pk', value: keys.masterPartition(tenant, 'item') }),
    queryAll(deps, { attr: 'pk', value: keys.masterPartition(tenant, 'warehouse') }),
  ]);
  const itemRepo = masterDataRepo<Item>(deps, tenant, 'item');
  const warehouseRepo = masterDataRepo<Warehouse>(deps, tenant, 'warehouse');
  const items = new Map(itemRows.map((r) => itemRepo.toRecord(r)).map((i) => [i.code, i] as const));
  const supplied = [...items.values()].filter(
    (i) => i.source === 'customerSupplied' && wanted(i.customer),
  );
  const csWarehouses = warehouseRows
    .map((r) => warehouseRepo.toRecord(r))
    .filter((w) => w.kind === 'customerSupplied');
  const balances = (
    await Promise.all(
      csWarehouses.map((w) =>
        balanceRecord.queryPartition(deps, {
          attr: 'gsi1pk',
          value: keys.balanceByWarehousePartition(tenant, w.code),
        }),
      ),
    )
  )
    .flat()
    .filter((b) => wanted(b.customer));

  const itemCodes = [...new Set([...supplied.map((i) => i.code), ...balances.map((b) => b.item)])];
  const moves = (
    await Promise.all(
      itemCodes.map((item) =>
        moveRecord.queryPartition(deps, { attr: 'pk', value: keys.movePartition(tenant, item) }),
      ),
    )
  )
    .flat()
    .filter((m) => wanted(m.customer));

  const plans = await Promise.all(
    supplied.map((i) =>
      plannedOrders(deps, s, { item: i.code, type: 'customerSupply', limit: 2000 }),
    ),
  );
  const runId = plans.find((p) => p.runId)?.runId ?? null;
  const requests = plans
    .flatMap((p, n) =>
      p.plannedOrders
        .filter((o) => o.type === 'customerSupply')
        .map((o) => ({
          customer: o.supplier ?? supplied[n]!.customer!,
          item: o.item,
          qty: o.qty,
          dueDate: o.dueDate,
          trackingNo: o.trackingNo,
          late: o.late,
        })),
    )
    .filter((r) => wanted(r.customer));
  const totals = customerStockTotals(
    moves,
    balances,
    supplied.map((i) => ({ customer: i.customer!, item: i.code })),
    requests,
  );
  const partners = (
    await getMasterRecords(deps, tenant, { partner: totals.map((t) => t.customer) })
  ).partner as Map<string, Partner>;
  return {
    runId,
    lines: totals.map((t) => {
      const item = items.get(t.item);
      return {
        ...t,
        customerName: partners.get(t.customer)?.name ?? t.customer,
        name: item?.name ?? t.item,
        unit: item?.unit ?? '',
      };
    }),
    requests,
  };
}
