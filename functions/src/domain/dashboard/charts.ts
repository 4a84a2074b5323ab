import {
  fenMoney,
  sumQty,
  type CostSummary,
  type DashboardDoc,
  type OrdersChart,
  type ProductionSummary,
  type QualityChart,
  type Shortage,
  type ShortageSummary,
  qty,
} from '@factory/shared';
import { passRates, type PassRateFact } from '../quality/index.js';
import { isTaskOrderDone, taskOrderState } from '../states.js';
import { intoBuckets, type Bucket, type BucketBy } from './buckets.js';

/**
 * The dashboard's numbers (docs/dashboard.md), each with the documents behind it. Plain data
 * in, plain data out: the use cases read the documents, these count them.
 */

/** A sales order as the orders chart reads it: status, order date, total in fen. */
export type BookedOrder = { no: string; status: string; orderDate?: string; totalFen: number };
/** A delivery with its amount: each line's quantity at its order line's price, in fen. */
export type DeliveredDoc = { no: string; date: string; amountFen: number };

/** Confirmed orders count as booked, and so do confirmed orders later closed by hand. */
const BOOKED = new Set(['confirmed', 'closed']);

function amountCount(docs: DashboardDoc[]) {
  return {
    count: docs.length,
    amount: fenMoney(docs.reduce((sum, d) => sum + d.amount.amount, 0)),
    docs,
  };
}

const byDateThenNo = (a: DashboardDoc, b: DashboardDoc) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.no < b.no ? -1 : a.no > b.no ? 1 : 0;

export function ordersChart(
  by: BucketBy,
  buckets: readonly Bucket[],
  orders: readonly BookedOrder[],
  deliveries: readonly DeliveredDoc[],
): OrdersChart {
  const booked: DashboardDoc[] = orders
    .filter((o) => BOOKED.has(o.status) && o.orderDate !== undefined)
    .map((o) => ({ no: o.no, date: o.orderDate!, amount: fenMoney(o.totalFen) }));
  const shipped: DashboardDoc[] = deliveries.map((d) => ({
    no: d.no,
    date: d.date,
    amount: fenMoney(d.amountFen),
  }));
  const b = intoBuckets(buckets, booked, (d) => d.date);
  const s = intoBuckets(buckets, shipped, (d) => d.date);
  const rows = buckets.map((bucket, i) => ({
    ...bucket,
    booked: amountCount(b[i]!.sort(byDateThenNo)),
    delivered: amountCount(s[i]!.sort(byDateThenNo)),
  }));
  const total = (pick: 'booked' | 'delivered') => {
    const { count, amount } = amountCount(rows.flatMap((r) => r[pick].docs));
    return { count, amount };
  };
  return {
    by,
    from: buckets[0]!.from,
    to: buckets[buckets.length - 1]!.to,
    buckets: rows,
    total: { booked: total('booked'), delivered: total('delivered') },
  };
}

/** A task order as production progress reads it (`status` as stored). */
export type ProgressOrder = {
  no: string;
  item: string;
  qty: string;
  dueDate: string;
  status: string;
  completedOn?: string;
};

/**
 * Open: released or in progress (planned ones are not yet on the floor). Late: open and due
 * before today. Completed: completed by work reports on a day within the range.
 */
export function productionSummary(
  today: string,
  range: { from: string; to: string },
  orders: readonly ProgressOrder[],
): ProductionSummary {
  const ref = (o: ProgressOrder) => ({
    no: o.no,
    item: o.item,
    qty: o.qty,
    dueDate: o.dueDate,
    status: taskOrderState(o.status),
    ...(o.completedOn ? { completedOn: o.completedOn } : {}),
  });
  const sorted = [...orders].sort((a, b) =>
    a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.no < b.no ? -1 : 1,
  );
  const open = sorted.filter(
    (o) => !isTaskOrderDone(o.status) && taskOrderState(o.status) !== 'planned',
  );
  const late = open.filter((o) => o.dueDate < today);
  const completed = sorted.filter(
    (o) =>
      taskOrderState(o.status) === 'completed' &&
      o.completedOn !== undefined &&
      o.completedOn >= range.from &&
      o.completedOn <= range.to,
  );
  const list = (os: ProgressOrder[]) => ({ count: os.length, orders: os.map(ref) });
  return {
    today,
    from: range.from,
    to: range.to,
    open: list(open),
    late: list(late),
    completed: list(completed),
  };
}

/** Items short for open task orders, summed over the orders, largest shortage first. */
export function shortageSummary(
  shortage: Shortage,
  names: ReadonlyMap<string, string>,
): ShortageSummary {
  const items = new Map<string, { short: string[]; orders: Set<string> }>();
  let orderCount = 0;
  for (const o of shortage.orders) {
    const short = o.components.filter((c) => qty(c.short).greaterThan(0));
    if (!short.length) continue;
    orderCount += 1;
    for (const c of short) {
      const entry = items.get(c.item) ?? { short: [], orders: new Set<string>() };
      entry.short.push(c.short);
      entry.orders.add(o.no);
      items.set(c.item, entry);
    }
  }
  const rows = [...items.entries()]
    .map(([item, e]) => ({
      item,
      ...(names.has(item) ? { name: names.get(item)! } : {}),
      short: sumQty(e.short),
      orders: [...e.orders].sort(),
    }))
    .sort((a, b) => qty(b.short).comparedTo(a.short) || (a.item < b.item ? -1 : 1));
  return { date: shortage.date, orderCount, itemCount: rows.length, items: rows };
}

/** A result's fact with the inspection it belongs to. */
export type InspectionFact = PassRateFact & { order: string };

/** Pass rate per bucket, counted by the quality reports' own rule (domain/quality). */
export function qualityChart(
  by: BucketBy,
  buckets: readonly Bucket[],
  facts: readonly InspectionFact[],
): QualityChart {
  const rateOf = (fs: readonly InspectionFact[]) => {
    const row = passRates(
      fs.map((f) => ({ ...f, date: buckets[0]!.from })),
      'month',
    )[0];
    return row
      ? {
          inspected: row.inspected,
          accepted: row.accepted,
          rejected: row.rejected,
          passRate: row.passRate,
        }
      : { inspected: '0', accepted: '0', rejected: '0', passRate: null };
  };
  const inForce = facts.filter((f) => !f.reversed);
  const groups = intoBuckets(buckets, inForce, (f) => f.date);
  return {
    by,
    from: buckets[0]!.from,
    to: buckets[buckets.length - 1]!.to,
    buckets: buckets.map((b, i) => ({
      ...b,
      ...rateOf(groups[i]!),
      inspections: [...new Set(groups[i]!.map((f) => f.order))].sort(),
    })),
    total: rateOf(groups.flat()),
  };
}

/** A product line of the cost report, as the cost chart shows it. */
export type CostProduct = CostSummary['products'][number];

export function costSummary(
  report: { period: string; status: string; products: readonly CostProduct[] } | undefined,
): CostSummary {
  if (!report) return { period: null, status: null, products: [] };
  return {
    period: report.period,
    status: report.status === 'closed' ? 'closed' : 'costed',
    products: report.products.map((p) => ({
      item: p.item,
      ...(p.name !== undefined ? { name: p.name } : {}),
      received: p.received,
      completed: p.completed,
      unitCost: p.unitCost,
      salesAmount: p.salesAmount,
      grossMargin: p.grossMargin,
      marginRate: p.marginRate,
    })),
  };
}
