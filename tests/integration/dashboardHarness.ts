import {
  lineAmountFen,
  type Delivery,
  type InspectionRecord,
  type Page,
  type PurchaseReceipt,
  type SalesOrder,
  type Shortage,
  type TaskOrder,
} from '@factory/shared';

/**
 * The documents behind the manager's dashboard (docs/dashboard.md), set up on the demo factory
 * through the API, and the numbers they make counted here from the documents themselves (the
 * sales orders, deliveries, task orders, shortage analysis and inspections the API answers),
 * never from the dashboard's answers. Shared by tests/integration/dashboard.test.ts and
 * tests/e2e/dashboard.test.ts. The business date is 2026-12-01 (ISO week 2026-W49).
 */
export type Caller = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export type DashboardSeed = {
  /** Booked in week 48 (2026-11-24) and week 49 (2026-12-01). */
  orders: [string, string];
  delivery: string;
  lateOrder: string;
  completedOrder: string;
  inspection: string;
};

const GBOX_PO = 'PO-2611-041'; // PT-GBOX on line 2, 600 ordered, none received

export async function seedDashboard(call: Caller): Promise<DashboardSeed> {
  const order = async (orderDate: string, lines: unknown[]) => {
    const so = await call<SalesOrder>('POST', '/api/sales-orders', {
      customer: 'C-LVYUAN',
      orderDate,
      lines,
    });
    return (await call<SalesOrder>('POST', `/api/sales-orders/${so.no}/submit`, {})).no;
  };
  const a = await order('2026-11-24', [
    { item: 'FG-FS40', qty: '12', unitPrice: '199.90', dueDate: '2026-12-15' },
  ]);
  const b = await order('2026-12-01', [
    { item: 'FG-FS40', qty: '3', unitPrice: '188.885', dueDate: '2026-12-20' },
    { item: 'FG-TS40', qty: '7', unitPrice: '99.99', dueDate: '2026-12-20' },
  ]);
  // A draft booked nothing.
  await call('POST', '/api/sales-orders', {
    customer: 'C-LVYUAN',
    orderDate: '2026-12-01',
    lines: [{ item: 'FG-FS40', qty: '1', unitPrice: '1', dueDate: '2026-12-20' }],
  });
  const delivery = await call<Delivery>('POST', '/api/deliveries', {
    customer: 'C-LVYUAN',
    date: '2026-12-01',
    lines: [
      { salesOrder: a, line: 1, qty: '5' },
      { salesOrder: b, line: 1, qty: '3' },
    ],
  });
  // Due last Friday and still open: late. A big one to be short of parts.
  const late = await call<TaskOrder>('POST', '/api/task-orders', {
    item: 'SA-BLADE40',
    qty: '40',
    startDate: '2026-11-23',
    dueDate: '2026-11-27',
  });
  await call('POST', '/api/task-orders', {
    item: 'FG-TS40',
    qty: '900',
    startDate: '2026-12-01',
    dueDate: '2026-12-10',
  });
  // Completed today by its work report.
  const done = await call<TaskOrder>('POST', '/api/task-orders', {
    item: 'SA-BLADE40',
    qty: '10',
    startDate: '2026-11-30',
    dueDate: '2026-12-02',
  });
  await call('POST', '/api/work-reports', {
    date: '2026-12-01',
    taskOrder: done.no,
    good: '10',
  });
  // 50 gear boxes received and inspected: 47 accepted, 3 rejected.
  await call('POST', '/api/defects', { code: 'DENT', name: '磕碰', category: '外观' });
  await call('PUT', '/api/inspection-plans/PT-GBOX', {
    receipts: ['purchase'],
    sampling: { rule: 'fixed', count: '5' },
  });
  const receipt = await call<PurchaseReceipt>('POST', '/api/purchase-receipts', {
    purchaseOrder: GBOX_PO,
    date: '2026-12-01',
    lines: [{ line: 2, qty: '50', warehouse: 'RM' }],
  });
  const [inspection] = (
    await call<Page<InspectionRecord>>(
      'GET',
      `/api/inspections?status=pending&receipt=${receipt.document.no}`,
    )
  ).items;
  await call('POST', `/api/inspections/${inspection!.no}/results`, {
    sampled: '50',
    accepted: '47',
    rejected: '3',
    defects: [{ code: 'DENT', qty: '3' }],
  });
  return {
    orders: [a, b],
    delivery: delivery.no,
    lateOrder: late.no,
    completedOrder: done.no,
    inspection: inspection!.no,
  };
}

async function all<T>(call: Caller, path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await call<Page<T>>(
      'GET',
      `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Monday of a date's week (the dashboard's weeks are ISO weeks). */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

const sumFen = (values: number[]) => values.reduce((s, v) => s + v, 0);

export type Expected = {
  /** Per week (by its Monday): booked and delivered, each count, fen and document numbers. */
  weeks: Map<
    string,
    {
      booked: { count: number; fen: number; docs: string[] };
      delivered: { count: number; fen: number; docs: string[] };
    }
  >;
  open: string[];
  late: string[];
  completed: string[];
  shortItems: { item: string; short: number; orders: string[] }[];
  shortOrders: number;
  quality: { inspected: number; accepted: number; rejected: number; inspections: string[] };
};

/**
 * What the dashboard must show for weeks `from`..`to`, counted from the documents: confirmed
 * or closed sales orders by order date (their totals), deliveries by date (each line's
 * quantity at its order line's price), task orders by state and due date, the shortage
 * analysis' components, and the results in force of the inspections given.
 */
export async function expectedFromDocuments(
  call: Caller,
  range: { from: string; to: string; today: string },
  inspections: readonly string[],
): Promise<Expected> {
  const [orders, deliveries, taskOrders, shortage] = await Promise.all([
    all<SalesOrder>(call, '/api/sales-orders'),
    all<Delivery>(call, `/api/deliveries?from=${range.from}&to=${range.to}`),
    all<TaskOrder>(call, '/api/task-orders'),
    call<Shortage>('GET', '/api/mrp/shortage'),
  ]);
  const weeks: Expected['weeks'] = new Map();
  const week = (date: string) => {
    const key = mondayOf(date);
    if (!weeks.has(key)) {
      weeks.set(key, {
        booked: { count: 0, fen: 0, docs: [] },
        delivered: { count: 0, fen: 0, docs: [] },
      });
    }
    return weeks.get(key)!;
  };
  for (const o of orders) {
    if (!['confirmed', 'closed'].includes(o.status) || !o.orderDate) continue;
    if (o.orderDate < range.from || o.orderDate > range.to) continue;
    const w = week(o.orderDate).booked;
    w.count += 1;
    w.fen += o.total.amount;
    w.docs.push(o.no);
  }
  const byNo = new Map(orders.map((o) => [o.no, o]));
  for (const d of deliveries) {
    const w = week(d.date).delivered;
    w.count += 1;
    w.fen += sumFen(
      d.lines.map((l) => {
        const price = byNo
          .get(l.salesOrder)
          ?.lines.find((x) => x.line === l.salesOrderLine)?.unitPrice;
        return price === undefined ? 0 : lineAmountFen(l.qty, price);
      }),
    );
    w.docs.push(d.no);
  }
  const open = taskOrders.filter((t) => t.status === 'released' || t.status === 'inProgress');
  const shortItems = new Map<string, { short: number; orders: Set<string> }>();
  let shortOrders = 0;
  for (const o of shortage.orders) {
    const short = o.components.filter((c) => Number(c.short) > 0);
    if (short.length) shortOrders += 1;
    for (const c of short) {
      const e = shortItems.get(c.item) ?? { short: 0, orders: new Set<string>() };
      e.short += Number(c.short);
      e.orders.add(o.no);
      shortItems.set(c.item, e);
    }
  }
  const quality = { inspected: 0, accepted: 0, rejected: 0, inspections: [] as string[] };
  for (const no of inspections) {
    const record = await call<InspectionRecord>('GET', `/api/inspections/${no}`);
    const inForce = record.results.filter((r) => !r.reverses && !r.reversedBy);
    for (const r of inForce) {
      quality.accepted += Number(r.accepted);
      quality.rejected += Number(r.rejected);
      quality.inspected += Number(r.accepted) + Number(r.rejected);
    }
    if (inForce.length) quality.inspections.push(no);
  }
  return {
    weeks,
    open: open.map((t) => t.no).sort(),
    late: open
      .filter((t) => t.dueDate < range.today)
      .map((t) => t.no)
      .sort(),
    completed: taskOrders
      .filter((t) => t.status === 'completed')
      .map((t) => t.no)
      .sort(),
    shortItems: [...shortItems.entries()]
      .map(([item, e]) => ({ item, short: e.short, orders: [...e.orders].sort() }))
      .sort((x, y) => y.short - x.short || (x.item < y.item ? -1 : 1)),
    shortOrders,
    quality,
  };
}
