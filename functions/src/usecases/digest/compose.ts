import type { SalesOrder, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  bookedOn,
  deliveredOn,
  lateOrders,
  shortages,
  shiftDay,
  type DeliveryFacts,
  type DigestFacts,
} from '../../domain/digest/index.js';
import { lineAmounts } from '../../domain/pricing/amounts.js';
import { lineAmountFen } from '@factory/shared';
import { approvalRepo } from '../../store/approvalRepo.js';
import { deliveryRepo } from '../../store/deliveryRepo.js';
import { salesOrderRepo } from '../../store/salesOrderRepo.js';
import { taskOrderRepo } from '../../store/taskOrderRepo.js';
import { shortageAnalysis } from '../mrp/analysis.js';
import { allPages } from '../paging.js';

/** What one tenant's day adds up to: the same for every subscriber of the tenant. */
export type TenantDay = Omit<DigestFacts, 'waitingOnMe'>;

const PAGE = 200;

/** A sales order's amount as the digest counts it: including VAT where it has VAT. */
const orderAmountFen = (o: SalesOrder) => (o.totalWithTax ?? o.total).amount;

/**
 * A delivered quantity priced like the sales order line it ships: qty × unit price to the
 * fen, plus VAT at the line's rate where the line has one (pricing/amounts.ts, the order's
 * own rule); 0 for a line without a price (imported orders).
 */
function shippedAmountFen(order: SalesOrder | undefined, line: number, qty: string): number {
  const l = order?.lines[line - 1];
  if (!l?.unitPrice) return 0;
  if (l.vatRate === undefined) return lineAmountFen(qty, l.unitPrice);
  return lineAmounts(qty, l.unitPrice, l.vatRate)?.amountWithTax.amount ?? 0;
}

/**
 * One tenant's business day `day` as the morning after sees it: sales orders booked that day
 * (dated that day and confirmed, or closed since), deliveries shipped that day with their
 * value, open task orders due that day or before (late), and the open task orders short of
 * material now (the shortage analysis, 足缺料分析, of the day after).
 */
export async function tenantDay(deps: Deps, tenant: string, day: string): Promise<TenantDay> {
  const sales = salesOrderRepo(deps, tenant);
  const orders = await allPages((cursor) =>
    sales.list({ limit: PAGE, ...(cursor ? { cursor } : {}) }),
  );
  const deliveries = await allPages((cursor) =>
    deliveryRepo(deps, tenant).list({
      from: day,
      to: day,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    }),
  );
  const byNo = new Map(orders.map((o) => [o.no, o] as const));
  // A delivery may ship an order the list above did not hold (none today): read it.
  for (const d of deliveries) {
    for (const no of d.salesOrders) {
      if (!byNo.has(no)) {
        const o = await sales.get(no);
        if (o) byNo.set(no, o);
      }
    }
  }
  const delivered: DeliveryFacts[] = deliveries.map((d) => ({
    no: d.no,
    date: d.date,
    lineAmountsFen: d.lines.map((l) =>
      shippedAmountFen(byNo.get(l.salesOrder), l.salesOrderLine, l.qty),
    ),
  }));
  const open = await openTaskOrders(deps, tenant);
  const system: Session = { tenant, user: 'digest', roles: ['manager'] };
  const shortage = await shortageAnalysis(deps, system, { date: shiftDay(day, 1) });
  return {
    day,
    booked: bookedOn(
      orders.map((o) => ({
        no: o.no,
        status: o.status,
        amountFen: orderAmountFen(o),
        ...(o.orderDate ? { orderDate: o.orderDate } : {}),
      })),
      day,
    ),
    delivered: deliveredOn(delivered, day),
    late: lateOrders(open, day),
    shortages: shortages(
      shortage.orders.map((o) => ({
        no: o.no,
        status: o.status,
        shortItems: o.components.filter((c) => c.short !== '0').map((c) => c.item),
      })),
    ),
  };
}

/** Every task order not completed or closed (the index's open section). */
async function openTaskOrders(deps: Deps, tenant: string) {
  const repo = taskOrderRepo(deps, tenant);
  const out: { no: string; dueDate: string }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await repo.page('open', PAGE, start);
    out.push(...page.items.map((o) => ({ no: o.no, dueDate: o.dueDate })));
    start = page.next;
  } while (start);
  return out;
}

/** The approval steps waiting on `user` (their inbox's pending entries). */
export async function waitingOn(deps: Deps, tenant: string, user: string): Promise<number> {
  const repo = approvalRepo(deps, tenant);
  const pending = await allPages((cursor) =>
    repo.inbox(user, { state: 'pending', limit: PAGE, ...(cursor ? { cursor } : {}) }),
  );
  return pending.length;
}
