import {
  AppError,
  type CostReport,
  type Item,
  type OrderCostDetail,
  type ProductTrend,
  type Session,
  lineAmountFen,
  notFound,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { inLedgerOrder, nextMonth } from '../../domain/costing/index.js';
import { type DeliverySale, productCosts } from '../../domain/costing/products.js';
import { costingRepo } from '../../store/costingRepo.js';
import { deliveryRepo } from '../../store/deliveryRepo.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { salesOrderRepo } from '../../store/salesOrderRepo.js';
import type { CostingInput } from '../../domain/costing/index.js';
import { customerSuppliedOfPeriod } from './customerSupplied.js';
import type { StoredResult } from './run.js';

/** Periods a trend reads at most. */
const MAX_TREND_PERIODS = 24;

async function standing(deps: Deps, tenant: string, period: string) {
  const repo = costingRepo(deps, tenant);
  const record = await repo.getPeriod(period);
  if (!record?.costedRunId) {
    throw new AppError('resource.notFound', `期间 ${period} 尚未核算，没有成本计算单`, {
      entity: 'costReport',
      id: period,
    });
  }
  const stored = await repo.getRunPart<StoredResult>(period, record.costedRunId, 'OUT');
  if (!stored) throw new Error(`costing: ${period}'s result is missing`);
  return { record, runId: record.costedRunId, stored };
}

/** Each delivery line's sales amount (excluding VAT) from its sales order line's price. */
async function deliverySales(
  deps: Deps,
  tenant: string,
  docs: readonly string[],
): Promise<DeliverySale[]> {
  const deliveries = (
    await Promise.all(docs.map((no) => deliveryRepo(deps, tenant).get(no)))
  ).filter((d) => d !== undefined);
  const orderNos = [...new Set(deliveries.flatMap((d) => d.lines.map((l) => l.salesOrder)))];
  const orders = new Map(
    (await Promise.all(orderNos.map((no) => salesOrderRepo(deps, tenant).get(no))))
      .filter((o) => o !== undefined)
      .map((o) => [o.no, o]),
  );
  return deliveries.flatMap((d) =>
    d.lines.flatMap((l) => {
      const price = orders
        .get(l.salesOrder)
        ?.lines.find((x) => x.line === l.salesOrderLine)?.unitPrice;
      return price === undefined
        ? []
        : [{ doc: d.no, line: l.line, amountFen: BigInt(lineAmountFen(l.qty, price)) }];
    }),
  );
}

/** The period's cost report (成本计算单) as it stands: the latest completed run's. */
export async function costReport(deps: Deps, s: Session, period: string): Promise<CostReport> {
  const { record, runId, stored } = await standing(deps, s.tenant, period);
  const r = stored.result;
  const pools = await costingRepo(deps, s.tenant).pools();
  const poolOf = new Map(pools.map((p) => [p.code, p]));
  const codes = [...new Set([...r.items.map((i) => i.item), ...r.orders.map((o) => o.item)])];
  const master = (await getMasterRecords(deps, s.tenant, { item: codes })).item as Map<
    string,
    Item
  >;
  const nameOf = (code: string) => {
    const name = master.get(code)?.name;
    return name ? { name } : {};
  };
  const deliveryDocs = [
    ...new Set(r.consumers.filter((c) => c.kind === 'delivery' && c.doc).map((c) => c.doc!)),
  ];
  const [sales, customerSupplied] = await Promise.all([
    deliverySales(deps, s.tenant, deliveryDocs),
    customerSuppliedOfPeriod(deps, s.tenant, { id: period, from: record.from, to: record.to }),
  ]);
  const restored = new Map(stored.restored ?? []);
  const products = productCosts(
    r,
    sales,
    r.pools.map((p) => p.code),
  ).map((p) => ({
    ...p,
    ...nameOf(p.item),
    ...(restored.has(p.item) ? { restored: restored.get(p.item)! } : {}),
  }));
  return {
    period,
    from: record.from,
    to: record.to,
    status: record.status,
    runId,
    costedAt: record.costedAt!,
    items: r.items.map((i) => ({ ...i, ...nameOf(i.item) })),
    orders: r.orders.map(({ closingWipElements: _c, ...o }) => o),
    pools: r.pools.map((p) => ({
      ...p,
      ...(poolOf.get(p.code)
        ? { name: poolOf.get(p.code)!.name, basis: poolOf.get(p.code)!.basis }
        : {}),
    })),
    products,
    customerSupplied,
    reconciliation: r.reconciliation,
  };
}

/** An order's costing in the period, with its material drilled down to the ledger lines. */
export async function orderCostDetail(
  deps: Deps,
  s: Session,
  period: string,
  order: string,
): Promise<OrderCostDetail> {
  const { runId, stored } = await standing(deps, s.tenant, period);
  const found = stored.result.orders.find((o) => o.no === order);
  if (!found) throw notFound('taskOrder', `${order}（${period} 成本计算单中没有此订单）`);
  const input = await costingRepo(deps, s.tenant).getRunPart<CostingInput>(period, runId, 'IN');
  const unitOf = new Map(stored.result.items.map((i) => [i.item, i.unitCost]));
  const materials = stored.result.consumers.filter(
    (c) => c.order === order && (c.kind === 'issue' || c.kind === 'consume'),
  );
  const lines = inLedgerOrder(
    (input?.moves ?? []).filter(
      (m) => m.order === order && (m.kind === 'issue' || m.kind === 'consume'),
    ),
  );
  const codes = [...new Set(materials.map((m) => m.item))];
  const master = (await getMasterRecords(deps, s.tenant, { item: codes })).item as Map<
    string,
    Item
  >;
  const nameOf = (code: string) => {
    const name = master.get(code)?.name;
    return name ? { name } : {};
  };
  const moveAt = new Map((input?.moves ?? []).map((m) => [`${m.doc}:${m.line}`, m]));
  const receipts = stored.result.receiptValues
    .filter((v) => v.order === order)
    .map((v) => {
      const m = moveAt.get(`${v.doc}:${v.line}`);
      return {
        doc: v.doc,
        line: v.line,
        date: m?.date ?? '',
        item: v.item,
        qty: m?.qty ?? '0',
        value: v.value,
      };
    });
  const { closingWipElements: _c, ...orderLine } = found;
  return {
    period,
    order: orderLine,
    materials: materials.map((m) => ({
      item: m.item,
      ...nameOf(m.item),
      qty: m.qty,
      value: m.value,
    })),
    lines: lines.map((m) => ({
      doc: m.doc,
      line: m.line,
      date: m.date,
      item: m.item,
      ...nameOf(m.item),
      kind: m.kind as 'issue' | 'consume',
      // What the order drew is positive (the ledger counts it out of stock: negative).
      qty: negate(m.qty),
      unitCost: unitOf.get(m.item) ?? null,
    })),
    receipts,
  };
}

const negate = (q: string) => (q.startsWith('-') ? q.slice(1) : q === '0' ? q : `-${q}`);

/** Month over month per product (for the charts): every costed period from `from` to `to`. */
export async function productTrend(
  deps: Deps,
  s: Session,
  q: { from: string; to: string; item?: string },
): Promise<ProductTrend> {
  if (q.from > q.to) {
    throw new AppError('request.invalid', '起始月份不能晚于结束月份', undefined, [
      { path: ['query', 'from'], message: '起始月份不能晚于结束月份' },
    ]);
  }
  const wanted: string[] = [];
  for (let p = q.from; p <= q.to && wanted.length < MAX_TREND_PERIODS; p = nextMonth(p)) {
    wanted.push(p);
  }
  const records = new Map((await costingRepo(deps, s.tenant).periods()).map((r) => [r.period, r]));
  const periods = [];
  for (const period of wanted) {
    if (!records.get(period)?.costedRunId) continue;
    const report = await costReport(deps, s, period);
    periods.push({
      period,
      status: report.status,
      products: report.products.filter((p) => q.item === undefined || p.item === q.item),
    });
  }
  return { periods };
}
