import { type Item, type LotSizing, type Warehouse, addQty, cmpQty, subQty } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { addDays } from '../../domain/bom/index.js';
import { type MrpBomVersion, type MrpInput, plannableStock } from '../../domain/mrp/index.js';
import { isOrderOpen, taskOrderPlans } from '../../domain/states.js';
import { bomRepo } from '../../store/bomRepo.js';
import { keys } from '../../store/keys.js';
import { masterDataRepo } from '../../store/masterDataRepo.js';
import { DEFAULT_CALENDAR, planningInputRepo } from '../../store/planningInputRepo.js';
import { queryAll } from '../../store/query.js';
import { storedList } from '../../store/records.js';
import { loadBalances, type PlanningBalances } from './loadBalances.js';
import { loadOrders, type PlanningOrders } from './loadOrders.js';
import { type PromisedLine, promisedLinesOf } from './promises.js';
import { taskOrderRecord } from '../../store/taskOrderRepo.js';

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/**
 * The master data a plan reads: every item of the tenant (active or not) and, per parent, the
 * approved BOM versions that can be effective in the horizon, with their lines. The slow part
 * of a load (two thirds of it on a 20,000-item factory) and the part that seldom changes.
 */
export type PlanningMasterData = {
  items: ReadonlyMap<string, Item>;
  boms: ReadonlyMap<string, MrpBomVersion[]>;
};

/**
 * The master data, read in full, or, given the master data of an earlier load for the same run
 * date and horizon and the items changed since (`changed`: the planning marks, which every
 * item and BOM write carries in its transaction), that data with only the changed items and
 * the BOMs of changed parents read again.
 */
export async function loadMasterData(
  deps: Deps,
  tenant: string,
  runDate: string,
  horizonDays: number,
  since?: { master: PlanningMasterData; changed: ReadonlySet<string> },
): Promise<PlanningMasterData> {
  const end = addDays(runDate, horizonDays - 1);
  const repo = bomRepo(deps, tenant);
  const itemRepo = masterDataRepo<Item>(deps, tenant, 'item');
  let items: Map<string, Item>;
  let heads: Awaited<ReturnType<typeof repo.getHeads>>;
  let boms: Map<string, MrpBomVersion[]>;
  if (since) {
    const changed = [...since.changed];
    const [fresh, changedHeads] = await Promise.all([
      itemRepo.getMany(changed),
      repo.getHeads(changed),
    ]);
    items = new Map(since.master.items);
    boms = new Map(since.master.boms);
    for (const code of changed) {
      const item = fresh.get(code);
      if (item) items.set(code, item);
      else items.delete(code);
      boms.delete(code);
    }
    heads = changedHeads;
  } else {
    const [itemRows, structure] = await Promise.all([
      queryAll(deps, { attr: 'pk', value: keys.masterPartition(tenant, 'item') }),
      repo.getStructure(),
    ]);
    items = new Map(itemRows.map((r) => itemRepo.toRecord(r)).map((i) => [i.code, i]));
    boms = new Map();
    heads = await repo.getHeads(structure.keys());
  }

  // BOMs: the versions of the heads that count, with their lines.
  const wanted: { parent: string; version: string; from?: string; to?: string }[] = [];
  for (const head of heads.values()) {
    for (const v of head.versions) {
      if (v.status !== 'approved') continue;
      if ((v.effectiveFrom ?? '0000-01-01') > end || (v.effectiveTo ?? '9999-12-31') < runDate)
        continue;
      wanted.push({
        parent: head.parent,
        version: v.version,
        from: v.effectiveFrom,
        to: v.effectiveTo,
      });
    }
  }
  const lines = await repo.getManyLines(wanted);
  for (const w of wanted) {
    const found = lines.get(`${w.parent}@${w.version}`);
    if (!found) continue;
    boms.set(w.parent, [
      ...(boms.get(w.parent) ?? []),
      {
        version: w.version,
        ...(w.from ? { from: w.from } : {}),
        ...(w.to ? { to: w.to } : {}),
        lines: found.lines.map((l) => ({
          component: l.component,
          qtyPer: l.qtyPer,
          lossRate: l.lossRate,
          substitutes: l.substitutes,
        })),
      },
    ]);
  }
  return { items, boms };
}

/**
 * The planning data set of a tenant, read from the store page by page and in batches (never
 * one row at a time): items, the BOM versions that can be effective in the horizon, plannable
 * stock (status available: normal warehouses; a customer-supplied item's customer's stock in
 * customer-supplied warehouses), open orders, forecasts and the calendar. Options for an MRP
 * run: `master`, the master data already loaded for this run date and horizon
 * (`loadMasterData`); `since`, an earlier load's balances and orders with the items and orders
 * marked since, of which only those are read again (`loadBalances`, `loadOrders`);
 * `withPromised`, the promised lines its promise check reads (parsed from the sales orders
 * read here; other callers need not pay for it).
 */
export async function loadPlanningInput(
  deps: Deps,
  tenant: string,
  runDate: string,
  horizonDays: number,
  options: {
    master?: PlanningMasterData;
    since?: {
      kept: { balances: PlanningBalances; orders: PlanningOrders };
      /** The items marked since (their balances are read again). */
      changed: ReadonlySet<string>;
      /** The orders marked since, by partition key. */
      orders: readonly string[];
    };
    withPromised?: boolean;
  } = {},
): Promise<
  MrpInput & { promised?: PromisedLine[]; balances: PlanningBalances; orders: PlanningOrders }
> {
  const { master, since } = options;
  const inputs = planningInputRepo(deps, tenant);
  // The master data (the longest chain of reads) from the start, beside the warehouses.
  const masterRead = master
    ? Promise.resolve(master)
    : loadMasterData(deps, tenant, runDate, horizonDays);
  // Awaited below; should the warehouses' read fail first, its failure is not left unhandled.
  masterRead.catch(() => undefined);
  // The warehouses first (a few rows): their balances are then read beside everything else.
  const warehouses = (
    await queryAll(deps, { attr: 'pk', value: keys.masterPartition(tenant, 'warehouse') })
  ).map((r) => masterDataRepo<Warehouse>(deps, tenant, 'warehouse').toRecord(r));
  // Stock: the balances of normal warehouses, and of customer-supplied ones when an item is
  // customer-supplied (it nets against its customer's stock there), by warehouse (one
  // partition each); plannableStock keeps what counts for each item.
  const stocked = warehouses.filter(
    (w) => w.active && (w.kind === 'normal' || w.kind === 'customerSupplied'),
  );
  const [masterData, calendar, orders, fc, read] = await Promise.all([
    masterRead,
    inputs.getCalendar(),
    loadOrders(deps, tenant, since && { kept: since.kept.orders, changed: since.orders }),
    inputs.allForecasts(),
    loadBalances(
      deps,
      tenant,
      stocked,
      since && { kept: since.kept.balances, changed: since.changed },
    ),
  ]);
  const { purchaseOrder: po, taskOrder: mo, outsourcingOrder: oo, salesOrder: so } = orders;
  // In code order, as the item partition is read (the engine's order of equal ranks).
  const items = [...masterData.items.values()]
    .filter((i) => i.active)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const boms = new Map([...masterData.boms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const suppliedItems = items.some((i) => i.source === 'customerSupplied');
  const kinds = new Map(warehouses.map((w) => [w.code, w.kind]));
  const itemByCode = new Map(items.map((i) => [i.code, i]));
  const balances = stocked.flatMap((w) =>
    w.kind === 'normal' || suppliedItems ? read.byWarehouse.get(w.code)! : [],
  );
  const stock = balances
    .filter(
      (b) =>
        b.status === 'available' &&
        cmpQty(b.qty, '0') > 0 &&
        plannableStock(itemByCode.get(b.item), kinds.get(b.warehouse), b.customer),
    )
    .map((b) => ({
      item: b.item,
      qty: b.qty,
      ...(b.trackingNo ? { trackingNo: b.trackingNo } : {}),
    }));

  const open = (r: { status?: unknown }) => isOrderOpen(r.status);
  // Entered sales orders are demand once confirmed (not as drafts, while their approval runs,
  // or when rejected); imported ones have no draft state and count while open.
  const salesDemand = (r: Record<string, unknown>) =>
    r.origin === 'entry' ? r.status === 'confirmed' : open(r);
  // Entered purchase orders are supply once approved (open), not as drafts, pending or
  // rejected; released and imported ones count while open.
  const purchaseSupply = (r: Record<string, unknown>) =>
    r.origin === 'entry' ? r.status === 'open' : open(r);
  return {
    runDate,
    horizonDays,
    calendar: calendar
      ? {
          nonWorkingWeekdays: calendar.nonWorkingWeekdays,
          holidays: calendar.holidays,
          extraWorkingDays: calendar.extraWorkingDays,
        }
      : { nonWorkingWeekdays: [...DEFAULT_CALENDAR.nonWorkingWeekdays], holidays: [] },
    items: items.map(mrpItemOf),
    boms,
    stock,
    purchaseOrders: po.filter(purchaseSupply).flatMap((p) =>
      (p.lines as Record<string, unknown>[]).flatMap((l) => {
        if (l.closed === true) return []; // a closed line is expected no more
        const left = subQty(String(l.qty), str(l.received) ?? '0');
        if (cmpQty(left, '0') <= 0) return [];
        return [
          {
            no: String(p.no),
            ...(p.supplier ? { supplier: String(p.supplier) } : {}),
            item: String(l.item),
            qty: left,
            dueDate: String(l.dueDate),
            ...(l.trackingNo ? { trackingNo: String(l.trackingNo) } : {}),
          },
        ];
      }),
    ),
    workOrders: [
      ...mo
        .map((r) => taskOrderRecord.read(r))
        .filter(taskOrderPlans)
        .map((t) => ({
          no: t.no,
          kind: 'task' as const,
          item: t.item,
          qty: t.qty,
          received: t.received,
          startDate: t.startDate,
          dueDate: String(t.dueDate),
          ...(t.trackingNo ? { trackingNo: t.trackingNo } : {}),
          issued: t.issued,
          ...storedDemand(t),
          ...(t.kind === 'rework' ? { rework: true } : {}),
        })),
      // Outsourcing orders: what was sent to the subcontractor is their `issued[]` (net of
      // material returns), so their stored needs are netted by it as a task order's are.
      ...oo.filter(open).map((t) => ({
        no: String(t.no),
        kind: 'outsourcing' as const,
        item: String(t.item),
        qty: String(t.qty),
        received: str(t.received) ?? '0',
        startDate: String(t.startDate),
        dueDate: String(t.dueDate),
        ...(t.trackingNo ? { trackingNo: String(t.trackingNo) } : {}),
        ...(t.supplier ? { supplier: String(t.supplier) } : {}),
        issued: storedList(t.issued).map((x) => ({ item: String(x.item), qty: String(x.qty) })),
        ...storedDemand({
          ...(Array.isArray(t.needs)
            ? {
                needs: storedList(t.needs).map((n) => ({
                  item: String(n.item),
                  ...(n.required !== undefined ? { required: String(n.required) } : {}),
                  ...(n.status !== undefined ? { status: String(n.status) } : {}),
                })),
              }
            : {}),
          issued: storedList(t.issued).map((x) => ({ item: String(x.item), qty: String(x.qty) })),
        }),
        ...(t.kind === 'rework' ? { rework: true } : {}),
      })),
    ],
    salesOrders: so.filter(salesDemand).flatMap(salesOrderLines),
    forecasts: fc.map((f) => ({ item: f.item, from: f.from, to: f.to, qty: f.qty })),
    // Not the engine's: the lines whose promised date the plan is checked against, and the
    // balances and orders read (for a later load to read again only the changed ones).
    ...(options.withPromised ? { promised: promisedLinesOf(so) } : {}),
    balances: read,
    orders,
  };
}

/**
 * What planning reads of an item, made once per item record: a load that keeps the master
 * data of the one before (`loadMasterData`'s `since`) keeps its unchanged items' records, so
 * a net run's comparison of its items with the previous plan's finds them the same objects
 * instead of comparing 20,000 items field by field.
 */
const mrpItems = new WeakMap<Item, MrpInput['items'][number]>();

function mrpItemOf(i: Item): MrpInput['items'][number] {
  let item = mrpItems.get(i);
  if (!item) {
    item = {
      code: i.code,
      source: i.source,
      strategy: i.strategy,
      leadTimeDays: i.leadTimeDays,
      safetyStock: i.safetyStock,
      lotSizing: i.lotSizing as LotSizing,
      precision: i.precision,
      ...(i.defaultSupplier ? { defaultSupplier: i.defaultSupplier } : {}),
      ...(i.customer ? { customer: i.customer } : {}),
    };
    mrpItems.set(i, item);
  }
  return item;
}

/** A sales order's lines as planning reads them (a stored row or the order just confirmed). */
export function salesOrderLines(o: {
  no?: unknown;
  lines?: unknown;
}): MrpInput['salesOrders'][number][] {
  return (o.lines as Record<string, unknown>[]).map((l, n) => ({
    no: String(o.no),
    line: n + 1,
    item: String(l.item),
    qty: String(l.qty),
    ...(l.delivered !== undefined ? { delivered: String(l.delivered) } : {}),
    dueDate: String(l.dueDate),
    ...(l.trackingNo ? { trackingNo: String(l.trackingNo) } : {}),
  }));
}

/**
 * An open task order's demand on planning stock from the needs it copied when it was created
 * (BOM version of its start date, phantoms expanded, rounded to each item's precision): per
 * item the required quantity of its needs on available stock, less what the order has been
 * issued of that item (picks, backflush, supplementary issues, less returns). A later BOM
 * change does not move it, as it does not move the order's picking. Only needs on available
 * stock count: a rework order's product comes from rejected stock, which is not planning
 * stock, so it is no demand here, while the rework's output stays a scheduled receipt like any
 * task order's (the repaired product is real supply that the rejected stock never was).
 * An order without stored needs (imported and never read for picking) gets none here and the
 * engine explodes its item's BOM at its start date instead.
 */
function storedDemand(t: {
  needs?: { item: string; required?: string; status?: string }[];
  issued: { item: string; qty: string }[];
}): { needs?: { item: string; qty: string }[] } {
  const stored = t.needs;
  // Needs without their required quantity (written by hand, not by the product) are not used.
  if (!stored || stored.some((n) => n.required === undefined)) return {};
  const required = new Map<string, string>();
  for (const n of stored) {
    if ((n.status ?? 'available') !== 'available') continue;
    required.set(n.item, addQty(required.get(n.item) ?? '0', String(n.required)));
  }
  const issued = new Map<string, string>();
  for (const x of t.issued) issued.set(x.item, addQty(issued.get(x.item) ?? '0', x.qty));
  return {
    needs: [...required]
      .map(([item, qty]) => ({ item, qty: subQty(qty, issued.get(item) ?? '0') }))
      .filter((n) => cmpQty(n.qty, '0') > 0),
  };
}
