import { type FactoryFile, qty, toQtyString } from '@factory/shared';
import { dayNumber } from './calendar.js';
import type { MrpBomVersion, MrpInput } from './types.js';

/** The default planning horizon, and the least a file-driven plan looks ahead. */
export const DEFAULT_HORIZON_DAYS = 90;

/**
 * The planning data set of a factory data file (SCENARIO.md). Only stock in status
 * `available` is plannable: in `normal` warehouses, and for a `customerSupplied` item only its
 * customer's own stock in `customerSupplied` warehouses (plannableStock). The horizon
 * reaches at least the file's last date.
 */
export function mrpInputFromFile(file: FactoryFile, horizonDays?: number): MrpInput {
  const warehouses = new Map(file.warehouses.map((w) => [w.code, w.kind]));
  const items = new Map(file.items.map((i) => [i.code, i]));
  const boms = new Map<string, MrpBomVersion[]>();
  for (const b of file.boms ?? []) {
    boms.set(b.parent, [
      ...(boms.get(b.parent) ?? []),
      {
        version: b.version,
        ...(b.effectiveFrom ? { from: b.effectiveFrom } : {}),
        ...(b.effectiveTo ? { to: b.effectiveTo } : {}),
        lines: b.lines.map((l) => ({
          component: l.component,
          qtyPer: l.qtyPer,
          lossRate: l.lossRate ?? '0',
          substitutes: l.substitutes ?? [],
        })),
      },
    ]);
  }
  const dates = [
    ...(file.salesOrders ?? []).flatMap((s) => s.lines.map((l) => l.dueDate)),
    ...(file.purchaseOrders ?? []).flatMap((p) => p.lines.map((l) => l.dueDate)),
    ...(file.taskOrders ?? []).map((t) => t.dueDate),
    ...(file.outsourcingOrders ?? []).map((t) => t.dueDate),
    ...(file.forecasts ?? []).map((f) => f.to),
  ];
  const last = dates.reduce((m, d) => (d > m ? d : m), file.runDate);
  const needed = dayNumber(last) - dayNumber(file.runDate) + 1;
  return {
    runDate: file.runDate,
    horizonDays: horizonDays ?? Math.max(DEFAULT_HORIZON_DAYS, needed),
    calendar: file.calendar ?? { nonWorkingWeekdays: [6, 7], holidays: [] },
    items: file.items.map((i) => ({
      code: i.code,
      source: i.source,
      strategy: i.strategy,
      leadTimeDays: i.leadTimeDays,
      safetyStock: i.safetyStock,
      lotSizing: i.lotSizing,
      precision: i.precision,
      ...(i.defaultSupplier ? { defaultSupplier: i.defaultSupplier } : {}),
      ...(i.customer ? { customer: i.customer } : {}),
    })),
    boms,
    stock: (file.stock ?? [])
      .filter(
        (s) =>
          (s.status ?? 'available') === 'available' &&
          plannableStock(items.get(s.item), warehouses.get(s.warehouse), s.customer),
      )
      .map((s) => ({
        item: s.item,
        qty: s.qty,
        ...(s.trackingNo ? { trackingNo: s.trackingNo } : {}),
      })),
    purchaseOrders: (file.purchaseOrders ?? []).flatMap((po) =>
      po.lines
        .map((l) => ({ l, open: qty(l.qty).minus(l.received ?? '0') }))
        .filter(({ open }) => open.gt(0))
        .map(({ l, open }) => ({
          no: po.no,
          supplier: po.supplier,
          item: l.item,
          qty: toQtyString(open),
          dueDate: l.dueDate,
          ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
        })),
    ),
    workOrders: [
      ...(file.taskOrders ?? []).map((t) => ({ ...t, kind: 'task' as const })),
      ...(file.outsourcingOrders ?? []).map((t) => ({ ...t, kind: 'outsourcing' as const })),
    ].map((t) => ({
      no: t.no,
      kind: t.kind,
      item: t.item,
      qty: t.qty,
      received: t.received ?? '0',
      startDate: t.startDate,
      dueDate: t.dueDate,
      ...(t.trackingNo ? { trackingNo: t.trackingNo } : {}),
      ...('supplier' in t && t.supplier ? { supplier: t.supplier } : {}),
      issued: t.issued ?? [],
    })),
    salesOrders: (file.salesOrders ?? []).flatMap((so) =>
      so.lines.map((l, n) => ({
        no: so.no,
        line: n + 1,
        item: l.item,
        qty: l.qty,
        ...(l.delivered ? { delivered: l.delivered } : {}),
        dueDate: l.dueDate,
        ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
      })),
    ),
    forecasts: file.forecasts ?? [],
  };
}

/**
 * Whether available stock of an item in a warehouse of this kind, owned by `owner` (absent:
 * our own), is planning stock (DOMAIN.md, "Outsourcing and customer-supplied material"): a
 * customer-supplied item nets only against its customer's stock in customer-supplied
 * warehouses (not another customer's, not own stock of it in a normal warehouse); every
 * other item only against own stock in normal warehouses.
 */
export function plannableStock(
  item: { source: string; customer?: string } | undefined,
  warehouseKind: string | undefined,
  owner: string | undefined,
): boolean {
  if (item?.source === 'customerSupplied')
    return warehouseKind === 'customerSupplied' && owner !== undefined && owner === item.customer;
  return warehouseKind === 'normal' && owner === undefined;
}
