import {
  AppError,
  isAppError,
  type SalesOrder,
  type SalesOrderLine,
  type SalesPromise,
  type SalesPromiseQuery,
  type Session,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  type PromiseContext,
  promiseContext,
  promiseDate,
  withSalesDemand,
} from '../../domain/mrp/index.js';
import { loadPlanningInput, salesOrderLines } from '../mrp/load.js';
import { loadSinceCurrentRun } from '../mrp/storedLoad.js';
import { shanghaiDate } from '../time.js';

/** The planning data a promise reads: BOM versions and open orders of the next 90 days. */
const HORIZON_DAYS = 90;

/**
 * How long a tenant's planning data, once loaded for a promise, answers the next ones (a rep
 * types several quantities in a row): reading the whole data set takes about a second on a
 * 2,000-item factory (less when the current plan's stored load can be started from). An order confirmed in this process adds its lines to it
 * (`notePromisedDemand`); other changes (receipts, other instances) are seen after at most
 * this long.
 */
export const PROMISE_SNAPSHOT_MS = 30_000;

type Snapshot = { tenant: string; today: string; at: number; ctx: PromiseContext };
const snapshots = new Map<string, Snapshot>();

async function contextFor(deps: Deps, tenant: string, reuse: boolean) {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const kept = snapshots.get(tenant);
  if (
    reuse &&
    kept &&
    kept.today === today &&
    now.getTime() - kept.at >= 0 &&
    now.getTime() - kept.at < PROMISE_SNAPSHOT_MS
  ) {
    // What one answer claims is its own: a fresh claim book on the indexed data.
    return { today, ctx: { ...kept.ctx, claims: new Map() } as PromiseContext };
  }
  // From the current plan's stored load and what is marked since, when it was planned for
  // today; else the whole data set.
  const input =
    (await loadSinceCurrentRun(deps, tenant, today, HORIZON_DAYS)) ??
    (await loadPlanningInput(deps, tenant, today, HORIZON_DAYS));
  const ctx = promiseContext(input);
  if (snapshots.size > 100) snapshots.clear(); // one Lambda serves few tenants
  snapshots.set(tenant, { tenant, today, at: now.getTime(), ctx });
  return { today, ctx: { ...ctx, claims: new Map() } as PromiseContext };
}

/**
 * An order confirmed in this process: its lines are demand now. The tenant's snapshot takes
 * them instead of being read again (reading is about 2 s on a 20k-item factory, and a rep
 * enters order after order); other changes are seen after at most `PROMISE_SNAPSHOT_MS`, as
 * before.
 */
export function notePromisedDemand(tenant: string, order: Pick<SalesOrder, 'no' | 'lines'>): void {
  const kept = snapshots.get(tenant);
  if (kept)
    snapshots.set(tenant, { ...kept, ctx: withSalesDemand(kept.ctx, salesOrderLines(order)) });
}

/** Drops the tenant's planning snapshot (the next promise reads the data again). */
export function forgetPromiseSnapshot(tenant: string): void {
  snapshots.delete(tenant);
}

/**
 * The promise date of one line as it is entered (`GET /api/sales-orders/promise`): from the
 * tenant's current planning data, as of today (Shanghai). A field the answer refuses (an
 * unknown item, a quantity finer than the item's unit) is named under `query`.
 */
export async function promiseLine(
  deps: Deps,
  s: Session,
  q: SalesPromiseQuery,
): Promise<SalesPromise> {
  const { today, ctx } = await contextFor(deps, s.tenant, true);
  try {
    return { ...promiseDate(ctx, q), runDate: today };
  } catch (err) {
    if (isAppError(err) && err.issues?.length) {
      throw new AppError(
        err.code,
        err.message,
        err.details,
        err.issues.map((i) => ({ ...i, path: ['query', ...i.path] })),
      );
    }
    throw err;
  }
}

/**
 * The lines of an order being submitted, each with a promised date: the one the line has
 * (given by the rep, or the promise date the page showed, with its source), else the promise
 * date computed now, lines in order, sharing stock and supply. A line whose promise cannot be
 * computed (no BOM effective for a made item, ...) keeps none: submitting never fails for it.
 */
export async function withPromisedDates(
  deps: Deps,
  tenant: string,
  lines: SalesOrderLine[],
): Promise<SalesOrderLine[]> {
  if (lines.every((l) => l.promisedDate)) return lines;
  const { ctx } = await contextFor(deps, tenant, false);
  return lines.map((l) => {
    if (l.promisedDate) return l;
    try {
      const a = promiseDate(ctx, {
        item: l.item,
        qty: l.qty,
        ...(l.trackingNo ? { trackingNo: l.trackingNo } : {}),
      });
      return { ...l, promisedDate: a.date, promiseSource: a.source };
    } catch (err) {
      if (isAppError(err)) return l;
      throw err;
    }
  });
}
