import type { EngineStructure, MrpException } from '../../domain/mrp/index.js';
import type { PlanningMasterData } from './load.js';
import type { PlanningBalances } from './loadBalances.js';
import type { PlanningOrders } from './loadOrders.js';

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
  /** What the engine prepared from that input's items and BOMs. */
  structure?: EngineStructure;
};

export const KEEP_MAX_ORDERS = 400_000;

/**
 * One thing kept for one tenant's run: given back only when asked for that run, and let go
 * when asked for, whatever the answer.
 */
function keptForRun<T>() {
  let kept: { tenant: string; runId: string; value: T } | undefined;
  return {
    keep(tenant: string, runId: string, value: T | undefined): void {
      kept = value === undefined ? undefined : { tenant, runId, value };
    },
    take(tenant: string, runId: string | undefined): T | undefined {
      const k = kept;
      kept = undefined;
      return k && runId !== undefined && k.tenant === tenant && k.runId === runId
        ? k.value
        : undefined;
    },
  };
}

const plans = keptForRun<LastPlan<unknown, unknown>>();

/** Keeps the plan just written (a larger one is not kept). */
export function keepLastPlan<Order, Input>(plan: LastPlan<Order, Input>): void {
  plans.keep(
    plan.tenant,
    plan.runId,
    plan.plannedOrders.length <= KEEP_MAX_ORDERS ? plan : undefined,
  );
}

/**
 * The kept plan if it is this tenant's run `runId` (undefined otherwise); either way nothing
 * is kept afterwards.
 */
export function takeLastPlan<Order, Input>(
  tenant: string,
  runId: string | undefined,
): LastPlan<Order, Input> | undefined {
  return plans.take(tenant, runId) as LastPlan<Order, Input> | undefined;
}

/**
 * What a load step wrote is known by its run and the id it gave that load (`RunRecord.inputId`,
 * recorded when the step finished): a load retried in another process writes another input,
 * and what this process kept from the attempt that did not finish must not stand for it.
 */
export const loadKey = (runId: string, inputId: string | undefined) =>
  inputId === undefined ? undefined : `${runId}#${inputId}`;

/**
 * What this process's load step read last: the master data (items, BOMs: most of a load's
 * time), the balances and the orders, kept for the net run based on that run: it reads again
 * only the items, BOMs and balances of the items marked since, and the orders marked since.
 */
export type LastLoad = {
  master: PlanningMasterData;
  balances: PlanningBalances;
  orders: PlanningOrders;
};

const loads = keptForRun<LastLoad>();

export function keepLastLoad(tenant: string, load: string, read: LastLoad): void {
  loads.keep(tenant, load, read);
}

/** The kept load if it is this tenant's `load`; nothing is kept afterwards. */
export function takeLastLoad(tenant: string, load: string | undefined): LastLoad | undefined {
  return loads.take(tenant, load);
}

/**
 * The input snapshot this process's load step just wrote, for the compute step after it
 * (reading it back, 20,000 items and 100,000 BOM lines of gzip JSON, was a tenth of a net
 * run).
 */
const inputs = keptForRun<unknown>();

export function keepLastInput<Input>(tenant: string, load: string, input: Input): void {
  inputs.keep(tenant, load, input);
}

export function takeLastInput<Input>(tenant: string, load: string | undefined): Input | undefined {
  return inputs.take(tenant, load) as Input | undefined;
}
