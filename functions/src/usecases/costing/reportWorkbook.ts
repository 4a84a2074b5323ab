import type { CostReport, Session } from '@factory/shared';
import { writeWorkbook } from '../../adapters/spreadsheet.js';
import type { Deps } from '../../deps.js';
import { FileResult } from '../fileResult.js';
import { costReport } from './report.js';

type Cell = string | number;
/** A column: its header, its value from a row, its width. */
type Column<R> = [header: string, value: (row: R) => Cell, width?: number];

function sheet<R>(name: string, rows: readonly R[], columns: readonly Column<R>[]) {
  return {
    name,
    columns: columns.map(([header, , width]) => ({ header, ...(width ? { width } : {}) })),
    rows: rows.map((row) => columns.map(([, value]) => value(row))),
  };
}

/** One column per pool, named as the tenant names it. */
function poolColumns<R>(r: CostReport, of: (row: R) => Record<string, string>): Column<R>[] {
  return r.pools.map((p) => [p.name ?? p.code, (row: R) => of(row)[p.code] ?? '0.00']);
}

/** The report as a workbook: products, orders, items, pools and the reconciliation. */
export async function costReportWorkbook(
  deps: Deps,
  s: Session,
  period: string,
): Promise<FileResult> {
  const r = await costReport(deps, s, period);
  type Product = CostReport['products'][number];
  type Order = CostReport['orders'][number];
  type Item = CostReport['items'][number];
  type Pool = CostReport['pools'][number];
  const data = await writeWorkbook([
    sheet<Product>('产品成本', r.products, [
      ['产品编码', (p) => p.item, 20],
      ['名称', (p) => p.name ?? '', 24],
      ['完工数量', (p) => p.received],
      ['完工成本', (p) => p.completed],
      ['单位成本', (p) => p.unitCost ?? ''],
      ['期初在产品', (p) => p.elements.openingWip],
      ['直接材料', (p) => p.elements.material],
      ...poolColumns<Product>(r, (p) => p.elements.pools),
      ['委外加工费', (p) => p.elements.outsourcingFee],
      ['销售数量', (p) => p.deliveredQty],
      ['销售收入', (p) => p.salesAmount],
      ['销售成本', (p) => p.deliveredCost],
      ['毛利', (p) => p.grossMargin],
      ['毛利率%', (p) => p.marginRate ?? ''],
    ]),
    sheet<Order>('订单成本', r.orders, [
      ['订单号', (o) => o.no, 18],
      ['类型', (o) => (o.kind === 'task' ? '生产' : '委外')],
      ['产品', (o) => o.item, 20],
      ['本期完工', (o) => o.received],
      ['期初在产品', (o) => o.openingWip],
      ['直接材料', (o) => o.material],
      ...poolColumns<Order>(r, (o) => o.pools),
      ['委外加工费', (o) => o.outsourcingFee],
      ['完工成本', (o) => o.completed],
      ['单位成本', (o) => o.unitCost ?? ''],
      ['期末在产品', (o) => o.closingWip],
      ['在制数量', (o) => o.wipQty],
      ['生产损失', (o) => o.loss],
    ]),
    sheet<Item>('存货收发存', r.items, [
      ['物料编码', (i) => i.item, 20],
      ['名称', (i) => i.name ?? '', 24],
      ['期初数量', (i) => i.openingQty],
      ['期初金额', (i) => i.openingValue],
      ['收入数量', (i) => i.receiptQty],
      ['收入金额', (i) => i.receiptValue],
      ['发出数量', (i) => i.outQty],
      ['发出金额', (i) => i.outValue],
      ['期末数量', (i) => i.closingQty],
      ['期末金额', (i) => i.closingValue],
      ['单位成本', (i) => i.unitCost ?? ''],
      ['价差', (i) => i.priceDifference],
    ]),
    sheet<Pool>('费用分配', r.pools, [
      ['费用池', (p) => p.code, 16],
      ['名称', (p) => p.name ?? '', 16],
      ['分配基础', (p) => p.basis ?? ''],
      ['金额', (p) => p.amount],
      ['已分配', (p) => p.allocated],
      ['未分配', (p) => p.unallocated],
    ]),
    sheet<[string, string]>(
      '勾稽',
      [
        ['投入合计', r.reconciliation.in],
        ['产出合计', r.reconciliation.out],
        ['差额', r.reconciliation.difference],
        ...Object.entries(r.reconciliation.parts),
      ],
      [
        ['项目', ([k]) => k, 20],
        ['金额', ([, v]) => v],
      ],
    ),
  ]);
  return new FileResult(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    `成本计算单-${period}.xlsx`,
    data,
  );
}
