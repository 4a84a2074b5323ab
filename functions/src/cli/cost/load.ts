import {
  AppError,
  type FieldIssue,
  type PeriodEvent,
  type PeriodFile,
  type Session,
} from '@factory/shared';
import { demoSession } from '../../auth/demoUsers.js';
import { type Deps, useClock } from '../../deps.js';
import { type LineMap, type Path, refusal, useClockOn, withoutBody } from './helpers.js';
import { issue, returnIssued } from './issues.js';
import { outsourcingReceipt, settlement } from './outsourcing.js';
import type { CostingSetup } from './port.js';
import { closeOrder, productionReceipt, workReport } from './production.js';
import { type Received, purchaseReceipt, purchaseReturn } from './purchasing.js';
import { customerReceipt, customerReturn, delivery } from './sales.js';
import { setUp } from './setup.js';
import { countAdjustment, scrap, transfer } from './stock.js';

/** What every step of a load reads and the events it has posted so far. */
export type LoadContext = {
  /** The composition root's. */
  deps: Deps;
  tenant: string;
  file: PeriodFile;
  costing: CostingSetup;
  /** The tenant's admin, who posts everything the loader does. */
  admin: Session;
  /** The file's outsourcing orders: each one's supplier by its number. */
  outsourced: Map<string, string>;
  warehouses: Map<string, PeriodFile['warehouses'][number]>;
  /** The purchase receipt lines posted so far, what purchase returns give back. */
  received: Received[];
};

/** The file's event with its index in the file (what a refusal names). */
type Indexed = { event: PeriodEvent; index: number };

/**
 * Loads a period file (already through `zPeriodFile` and `checkPeriodFile`) into a tenant of
 * the store through the product's real use cases, as SCENARIO.md's "Period file" says: master
 * data, BOMs, orders and opening stock by the factory import dated the day before the first
 * period; costing's own setup (pools, opening values and WIP, expenses, WIP counts) through
 * `costing`; then every event in date order (file order within a day) on the business clock of
 * its date. An event a use case refuses is an AppError `request.invalid` naming the event by
 * its index in the file (`events.3.lines.0.qty`), with the use case's own message.
 *
 * `deps` is the composition root's (`getDeps()`): the business clock is set there
 * (`useClock`) for each event and given back afterwards.
 */
export async function loadPeriodFile(
  deps: Deps,
  tenant: string,
  file: PeriodFile,
  costing: CostingSetup,
): Promise<void> {
  const ctx: LoadContext = {
    deps,
    tenant,
    file,
    costing,
    admin: demoSession('admin', tenant)!,
    outsourced: new Map((file.outsourcingOrders ?? []).map((o) => [o.no, o.supplier])),
    warehouses: new Map(file.warehouses.map((w) => [w.code, w])),
    received: [],
  };
  const previous = deps.clock;
  try {
    await setUp(ctx);
    const events = file.events
      .map((event, index): Indexed => ({ event, index }))
      .sort((a, b) => (a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : 0));
    for (const { event, index } of events) {
      useClockOn(event.date);
      await apply(ctx, event, index);
    }
  } finally {
    useClock(previous);
  }
}

/** One event posted; a use case's refusal names the event's paths in the file. */
async function apply(ctx: LoadContext, e: PeriodEvent, index: number): Promise<void> {
  const map: LineMap = {};
  try {
    await postEvent(ctx, e, map, index);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'request.invalid' && err.details?.periodFile) throw err;
    throw refusal(issuesAt(err, ['events', index], map, e));
  }
}

/** The event through its use cases; each fills in `map` with where its requests' lines are. */
async function postEvent(
  ctx: LoadContext,
  e: PeriodEvent,
  map: LineMap,
  index: number,
): Promise<void> {
  const period = e.date.slice(0, 7);
  switch (e.kind) {
    case 'expense':
      return ctx.costing.addExpense({
        period,
        pool: e.pool,
        amount: e.amount,
        date: e.date,
        ...(e.no ? { note: e.no } : {}),
      });
    case 'wipCount':
      return ctx.costing.setWipCount({ period, order: e.order, qty: e.qty });
    case 'purchaseReceipt':
      return purchaseReceipt(ctx, e, map);
    case 'purchaseReturn':
      return purchaseReturn(ctx, e, map, index);
    case 'issue':
      return issue(ctx, e, map);
    case 'return':
      return returnIssued(ctx, e, map);
    case 'workReport':
      return workReport(ctx, e, map);
    case 'productionReceipt':
      return productionReceipt(ctx, e, map);
    case 'outsourcingReceipt':
      return outsourcingReceipt(ctx, e, map);
    case 'closeOrder':
      return closeOrder(ctx, e);
    case 'settlement':
      return settlement(ctx, e, map, index);
    case 'transfer':
      return transfer(ctx, e, map, index);
    case 'customerReceipt':
      return customerReceipt(ctx, e, map);
    case 'customerReturn':
      return customerReturn(ctx, e, map);
    case 'scrap':
      return scrap(ctx, e, map);
    case 'delivery':
      return delivery(ctx, e, map);
    case 'countAdjustment':
      return countAdjustment(ctx, e, map);
  }
}

/** A use case's refusal of an event, at the event's paths (its lines where they are named). */
function issuesAt(err: AppError, at: Path, map: LineMap, event: PeriodEvent): FieldIssue[] {
  if (err.issues?.length) {
    return err.issues.map((i) => ({
      path: [...at, ...eventPath(withoutBody(i.path), map, event)],
      message: i.message,
    }));
  }
  const shortages = err.details?.shortages as
    { item: string; warehouse: string; available: string; requested: string }[] | undefined;
  if (err.code === 'stock.insufficient' && shortages?.length && map.shortage) {
    return shortages.map((s) => {
      const j = map.shortage!(s.item, s.warehouse);
      return {
        path: j === undefined ? at : [...at, 'lines', j, 'qty'],
        message: `库存不足：物料 ${s.item} 在仓库 ${s.warehouse} 可用 ${s.available}，需要 ${s.requested}`,
      };
    });
  }
  return [{ path: at, message: err.message }];
}

/** A request's path as the event's: its lines by the event's index, fields by the file's name. */
function eventPath(path: Path, map: LineMap, event: PeriodEvent): Path {
  const [first, second, field] = path;
  if (first === 'lines' && typeof second === 'number' && 'lines' in event) {
    const line = map.lines ? map.lines[second] : second;
    if (line === undefined) return [];
    const named = typeof field === 'string' ? (map.fields?.[field] ?? field) : undefined;
    return named !== undefined && named in event.lines[line]!
      ? ['lines', line, named]
      : ['lines', line];
  }
  // Elsewhere the innermost field the event has (under the file's name for it).
  for (const segment of [...path].reverse()) {
    if (typeof segment !== 'string') continue;
    const named = map.fields?.[segment] ?? segment;
    if (named in event) return [named];
  }
  return [];
}
