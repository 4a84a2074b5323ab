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
 * The lines of an order being submitted, each with a promised date: the one the rep gave
 * (its source kept when it is the one computed before), else the promise date computed now,
 * lines in order, sharing stock and supply. A line whose promise cannot be computed (no BOM
 * effective for a made item, ...) keeps none: submitting never fails for it.
 */
export async function withPromisedDates(
  deps: Deps,
  tenant: string,
  lines: SalesOrderLine[],
  before: readonly SalesOrderLine[],
): Promise<SalesOrderLine[]> {
  const kept = lines.map((l, i) => {
    const old = before[i];
    return l.promisedDate && old?.promiseSource && old.promisedDate === l.promisedDate
      ? { ...l, promiseSource: old.promiseSource }
      : l;
  });
  if (kept.every((l) => l.promisedDate)) return kept;
  const { ctx } = await contextFor(deps, tenant);
  return kept.map((l) => {
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
