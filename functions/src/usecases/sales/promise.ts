import {
  AppError,
  isAppError,
  type SalesOrderLine,
  type SalesPromise,
  type SalesPromiseQuery,
  type Session,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { promiseContext, promiseDate } from '../../domain/mrp/index.js';
import { loadPlanningInput } from '../mrp/load.js';
import { shanghaiDate } from '../time.js';

/** The planning data a promise reads: BOM versions and open orders of the next 90 days. */
const HORIZON_DAYS = 90;

async function contextFor(deps: Deps, tenant: string) {
  const today = shanghaiDate(deps.clock.now());
  const input = await loadPlanningInput(deps, tenant, today, HORIZON_DAYS);
  return { today, ctx: promiseContext(input) };
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
  const { today, ctx } = await contextFor(deps, s.tenant);
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
  const { ctx } = await contextFor(deps, tenant);
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
