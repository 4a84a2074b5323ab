import {
  AppError,
  type Kitting,
  type KittingQuery,
  type Session,
  type Shortage,
  addQty as addDecimal,
  cmpQty as cmpDecimal,
  subQty as subDecimal,
  notFound,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  buildableSets,
  dayNumber,
  kit,
  shortage,
  type MrpBomVersion,
} from '../../domain/mrp/index.js';
import { salesOrderRepo } from '../../store/salesOrderRepo.js';
import { shanghaiDate } from '../time.js';
import { loadPlanningInput } from './load.js';

const versionAt = (versions: readonly MrpBomVersion[] | undefined, date: string) =>
  versions?.find((v) => (v.from ?? '0000-01-01') <= date && date <= (v.to ?? '9999-12-31'));

/** Kitting (齐套分析) of an item and quantity, or of a sales order line, from plannable stock. */
export async function kitting(deps: Deps, s: Session, q: KittingQuery): Promise<Kitting> {
  const date = q.date ?? shanghaiDate(deps.clock.now());
  let item = q.item;
  let quantity = q.qty;
  let tracking: string | undefined;
  if (q.salesOrder !== undefined) {
    const order = await salesOrderRepo(deps, s.tenant).get(q.salesOrder);
    const line = order?.lines[q.line! - 1];
    if (!line) throw notFound('salesOrderLine', `${q.salesOrder}/${q.line}`);
    item = line.item;
    // The line's open quantity: what is delivered is no longer to be built.
    quantity = subDecimal(line.qty, line.delivered);
    if (cmpDecimal(quantity, '0') <= 0) {
      throw new AppError(
        'salesOrder.invalidState',
        `销售订单 ${q.salesOrder} 第 ${q.line} 行已全部发货，无需齐套分析`,
        { salesOrder: q.salesOrder, line: q.line },
      );
    }
    tracking = line.trackingNo ?? q.salesOrder;
  }
  const input = await loadPlanningInput(deps, s.tenant, date, 1);
  const items = new Map(input.items.map((i) => [i.code, i]));
  if (!items.has(item!)) throw notFound('item', item!);
  if (!versionAt(input.boms.get(item!), date)) {
    throw new AppError('bom.notEffective', `物料 ${item} 在 ${date} 没有生效的物料清单`, {
      item,
      date,
    });
  }
  // Pool stock, and for a sales order line also the stock kept for that order.
  const stock = new Map<string, string>();
  for (const b of input.stock) {
    if (b.trackingNo && b.trackingNo !== tracking) continue;
    stock.set(b.item, stock.has(b.item) ? addDecimal(stock.get(b.item)!, b.qty) : b.qty);
  }
  const ctx = {
    item: (code: string) => items.get(code),
    bom: (code: string) => versionAt(input.boms.get(code), date)?.lines,
  };
  const components = kit(item!, quantity!, stock, ctx);
  const buildable = buildableSets(item!, quantity!, stock, ctx);
  return {
    item: item!,
    qty: quantity!,
    date,
    buildable,
    buildableWithSubstitutes: buildableSets(item!, quantity!, stock, ctx, true),
    complete: buildable === quantity,
    components,
  };
}

/** Shortage (足缺料分析) over every open task order, by due date then number. */
export async function shortageAnalysis(
  deps: Deps,
  s: Session,
  q: { date?: string },
): Promise<Shortage> {
  const date = q.date ?? shanghaiDate(deps.clock.now());
  // A year of BOM versions: task orders explode with the version of their start date.
  const input = await loadPlanningInput(deps, s.tenant, shiftDays(date, -366), 2 * 366);
  const items = new Map(input.items.map((i) => [i.code, i]));
  const stock = new Map<string, string>();
  for (const b of input.stock) {
    const key = `${b.item}|${items.get(b.item)?.strategy === 'mto' ? (b.trackingNo ?? '') : ''}`;
    stock.set(key, stock.has(key) ? addDecimal(stock.get(key)!, b.qty) : b.qty);
  }
  const orders = input.workOrders.filter((w) => w.kind === 'task');
  return {
    date,
    orders: shortage(orders, stock, {
      item: (code) => items.get(code),
      bom: (code, on) => versionAt(input.boms.get(code), on)?.lines,
    }),
  };
}

function shiftDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}
