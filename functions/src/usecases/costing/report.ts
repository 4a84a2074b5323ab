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
import { writeWorkbook } from '../../adapters/spreadsheet.js';
import type { Deps } from '../../deps.js';
import { inLedgerOrder, nextMonth } from '../../domain/costing/index.js';
import { type DeliverySale, productCosts } from '../../domain/costing/products.js';
import { costingRepo } from '../../store/costingRepo.js';
import { deliveryRepo } from '../../store/deliveryRepo.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { salesOrderRepo } from '../../store/salesOrderRepo.js';
import { FileResult } from '../fileResult.js';
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
  const products = productCosts(
    r,
    sales,
    r.pools.map((p) => p.code),
  ).map((p) => ({
    ...p,
    ...nameOf(p.item),
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

/** The report as a workbook: products, orders, items, pools and the reconciliation. */
export async function costReportWorkbook(
  deps: Deps,
  s: Session,
  period: string,
): Promise<FileResult> {
  const r = await costReport(deps, s, period);
  const poolCodes = r.pools.map((p) => p.code);
  const poolHeaders = r.pools.map((p) => ({ header: p.name ?? p.code }));
  const data = await writeWorkbook([
    {
      name: '产品成本',
      columns: [
        { header: '产品编码', width: 20 },
        { header: '名称', width: 24 },
        { header: '完工数量' },
        { header: '完工成本' },
        { header: '单位成本' },
        { header: '期初在产品' },
        { header: '直接材料' },
        ...poolHeaders,
        { header: '委外加工费' },
        { header: '销售数量' },
        { header: '销售收入' },
        { header: '销售成本' },
        { header: '毛利' },
        { header: '毛利率%' },
      ],
      rows: r.products.map((p) => [
        p.item,
        p.name ?? '',
        p.received,
        p.completed,
        p.unitCost ?? '',
        p.elements.openingWip,
        p.elements.material,
        ...poolCodes.map((c) => p.elements.pools[c] ?? '0.00'),
        p.elements.outsourcingFee,
        p.deliveredQty,
        p.salesAmount,
        p.deliveredCost,
        p.grossMargin,
        p.marginRate ?? '',
      ]),
    },
    {
      name: '订单成本',
      columns: [
        { header: '订单号', width: 18 },
        { header: '类型' },
        { header: '产品', width: 20 },
        { header: '本期完工' },
        { header: '期初在产品' },
        { header: '直接材料' },
        ...poolHeaders,
        { header: '委外加工费' },
        { header: '完工成本' },
        { header: '单位成本' },
        { header: '期末在产品' },
        { header: '在制数量' },
        { header: '生产损失' },
      ],
      rows: r.orders.map((o) => [
        o.no,
        o.kind === 'task' ? '生产' : '委外',
        o.item,
        o.received,
        o.openingWip,
        o.material,
        ...poolCodes.map((c) => o.pools[c] ?? '0.00'),
        o.outsourcingFee,
        o.completed,
        o.unitCost ?? '',
        o.closingWip,
        o.wipQty,
        o.loss,
      ]),
    },
    {
      name: '存货收发存',
      columns: [
        { header: '物料编码', width: 20 },
        { header: '名称', width: 24 },
        { header: '期初数量' },
        { header: '期初金额' },
        { header: '收入数量' },
        { header: '收入金额' },
        { header: '发出数量' },
        { header: '发出金额' },
        { header: '期末数量' },
        { header: '期末金额' },
        { header: '单位成本' },
        { header: '价差' },
      ],
      rows: r.items.map((i) => [
        i.item,
        i.name ?? '',
        i.openingQty,
        i.openingValue,
        i.receiptQty,
        i.receiptValue,
        i.outQty,
        i.outValue,
        i.closingQty,
        i.closingValue,
        i.unitCost ?? '',
        i.priceDifference,
      ]),
    },
    {
      name: '费用分配',
      columns: [
        { header: '费用池', width: 16 },
        { header: '名称', width: 16 },
        { header: '分配基础' },
        { header: '金额' },
        { header: '已分配' },
        { header: '未分配' },
      ],
      rows: r.pools.map((p) => [
        p.code,
        p.name ?? '',
        p.basis ?? '',
        p.amount,
        p.allocated,
        p.unallocated,
      ]),
    },
    {
      name: '勾稽',
      columns: [{ header: '项目', width: 20 }, { header: '金额' }],
      rows: [
        ['投入合计', r.reconciliation.in],
        ['产出合计', r.reconciliation.out],
        ['差额', r.reconciliation.difference],
        ...Object.entries(r.reconciliation.parts).map(([k, v]) => [k, v]),
      ],
    },
  ]);
  return new FileResult(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    `成本计算单-${period}.xlsx`,
    data,
  );
}
