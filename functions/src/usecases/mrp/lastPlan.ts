import type { MrpException } from '../../domain/mrp/index.js';
import type { PlanningMasterData } from './load.js';

/**
 * The plan this process computed last, with its input, kept in memory for the net run that
 * follows it. A net run starts from the current plan and compares the data with what that plan
 * was made from; reading both back (hundreds of MiB of JSON for 20,000 items) was most of a
 * net run's time. The compute step that wrote them is usually the one that runs next (the
 * local runtime, a warm Lambda), so it keeps them; another process reads them from the table.
 *
 * Runs are immutable once written, so a kept plan can only be the run it says it is. One plan
 * is kept, for one tenant, and only up to `KEEP_MAX_ORDERS` orders (the compute Lambda must hold
 * it beside the plan it makes); taking it lets it go, so a full run's compute never carries it.
 */
export type LastPlan<Order, Input> = {
  tenant: string;
  runId: string;
  runDate: string;
  plannedOrders: readonly Order[];
  exceptions: readonly MrpException[];
  /** The input snapshot the plan was made from, as stored. */
  input: Input;
};

export const KEEP_MAX_ORDERS = 400_000;

let kept: LastPlan<unknown, unknown> | undefined;

/** Keeps the plan just written (a larger one is not kept). */
export function keepLastPlan<Order, Input>(plan: LastPlan<Order, Input>): void {
  kept = plan.plannedOrders.length <= KEEP_MAX_ORDERS ? plan : undefined;
}

/**
 * The kept plan if it is this tenant's run `runId` (undefined otherwise); either way nothing
 * is kept afterwards.
 */
export function takeLastPlan<Order, Input>(
  tenant: string,
  runId: string | undefined,
): LastPlan<Order, Input> | undefined {
  const plan = kept;
  kept = undefined;
  if (!plan || runId === undefined || plan.tenant !== tenant || plan.runId !== runId)
    return undefined;
  return plan as LastPlan<Order, Input>;
}

/**
 * The master data this process loaded last (items, BOMs: most of a load's time), kept for
 * the net run based on that run: it reads again only the items and BOMs marked since.
 */
let keptMaster: { tenant: string; runId: string; master: PlanningMasterData } | undefined;

export function keepLastMasterData(tenant: string, runId: string, master: PlanningMasterData) {
  keptMaster = { tenant, runId, master };
}

/** The kept master data if loaded for this tenant's run `runId`; nothing is kept afterwards. */
export function takeLastMasterData(
  tenant: string,
  runId: string | undefined,
): PlanningMasterData | undefined {
  const kept = keptMaster;
  keptMaster = undefined;
  if (!kept || runId === undefined || kept.tenant !== tenant || kept.runId !== runId)
    return undefined;
  return kept.master;
}
