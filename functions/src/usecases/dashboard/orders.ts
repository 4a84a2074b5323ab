import {
  lineAmountFen,
  moneyToDecimalString,
  type DashboardPeriodQuery,
  type OrdersChart,
  type SalesOrder,
  type Session,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { chartRange, ordersChart, type DeliveredDoc } from '../../domain/dashboard/index.js';
import { deliveryRepo } from '../../store/deliveryRepo.js';
import { salesOrderRepo } from '../../store/salesOrderRepo.js';
import { allPages } from '../paging.js';
import { businessToday } from './today.js';

/**
 * Orders booked and delivered per week or month (docs/dashboard.md): the tenant's sales orders
 * from their own index, the deliveries of the range by their date index; a delivery line is
 * worth its quantity at its order line's price (as costing's sales amount counts it).
 */
export async function ordersDashboard(
  deps: Deps,
  s: Session,
  q: DashboardPeriodQuery,
): Promise<OrdersChart> {
  const range = chartRange(q, businessToday(deps));
  const [orders, deliveries] = await Promise.all([
    allPages((cursor) =>
      salesOrderRepo(deps, s.tenant).list({ limit: 200, ...(cursor ? { cursor } : {}) }),
    ),
    allPages((cursor) =>
      deliveryRepo(deps, s.tenant).list({
        from: range.from,
        to: range.to,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      }),
    ),
  ]);
  const byNo = new Map<string, SalesOrder>(orders.map((o) => [o.no, o]));
  // Orders shipped in the range but not in the list (none today): read one by one.
  const missing = [...new Set(deliveries.flatMap((d) => d.lines.map((l) => l.salesOrder)))].filter(
    (no) => !byNo.has(no),
  );
  for (const o of await Promise.all(missing.map((no) => salesOrderRepo(deps, s.tenant).get(no)))) {
    if (o) byNo.set(o.no, o);
  }
  const delivered: DeliveredDoc[] = deliveries.map((d) => ({
    no: d.no,
    date: d.date,
    amountFen: d.lines.reduce((sum, l) => {
      const price = byNo
        .get(l.salesOrder)
        ?.lines.find((x) => x.line === l.salesOrderLine)?.unitPrice;
      return price === undefined ? sum : sum + lineAmountFen(l.qty, price);
    }, 0),
  }));
  return ordersChart(
    q.by,
    range.buckets,
    orders.map((o) => ({
      no: o.no,
      status: o.status,
      ...(o.orderDate ? { orderDate: o.orderDate } : {}),
      // The total in fen, whatever scale it was stored at.
      totalFen: lineAmountFen(moneyToDecimalString(o.total), '1'),
    })),
    delivered,
  );
}
