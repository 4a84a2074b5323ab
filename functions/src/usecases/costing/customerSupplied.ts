import type { Item } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { type CostPeriod } from '../../domain/costing/index.js';
import { customerStockTotals } from '../../domain/inventory/index.js';
import { keys } from '../../store/keys.js';
import { masterDataRepo } from '../../store/masterDataRepo.js';
import { queryAll } from '../../store/query.js';
import { moveRecord } from '../../store/stockRepo.js';

export type CustomerSuppliedLine = {
  customer: string;
  item: string;
  received: string;
  issued: string;
  returnedToCustomer: string;
  onHand: string;
};

/**
 * Customer-supplied material in the period (at zero value, never in the cost): per customer
 * and item, what came from the customer, went to orders (net of returns from them), went back
 * to the customer in the period, and what the customer owns here at its end.
 */
export async function customerSuppliedOfPeriod(
  deps: Deps,
  tenant: string,
  period: CostPeriod,
): Promise<CustomerSuppliedLine[]> {
  const itemRepo = masterDataRepo<Item>(deps, tenant, 'item');
  const items = (await queryAll(deps, { attr: 'pk', value: keys.masterPartition(tenant, 'item') }))
    .map((r) => itemRepo.toRecord(r))
    .filter((i) => i.source === 'customerSupplied' && i.customer);
  const moves = (
    await Promise.all(
      items.map((i) =>
        moveRecord.queryPartition(deps, { attr: 'pk', value: keys.movePartition(tenant, i.code) }),
      ),
    )
  )
    .flat()
    .filter((m) => m.customer && m.date <= period.to);
  const totals = customerStockTotals(
    moves.filter((m) => m.date >= period.from),
    // What the customer owns at the period's end: every move of its stock up to then.
    moves.map((m) => ({ item: m.item, customer: m.customer!, qty: m.qty })),
    items.map((i) => ({ customer: i.customer!, item: i.code })),
  );
  return totals.map((t) => ({
    customer: t.customer,
    item: t.item,
    received: t.received,
    issued: t.issued,
    returnedToCustomer: t.returned,
    onHand: t.onHand,
  }));
}
