import type { Balance, Item, Warehouse } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { mrpRepo, type MrpRepo } from '../../store/mrpRepo.js';
import { ALL_ITEMS } from '../../store/mrpMarks.js';
import { planningMarks } from '../../store/mrpMarksRepo.js';
import { getInput } from './inputSnapshot.js';
import type { LastLoad } from './lastPlan.js';
import { loadMasterData, loadPlanningInput } from './load.js';
import type { PlanningOrders } from './loadOrders.js';

/**
 * What a run's load read that its input snapshot does not keep as read, stored with the run:
 * the item records, the balances and the order rows, and the load they belong to
 * (`RunRecord.inputId`). With the snapshot's BOMs they are the load itself, so a process that
 * did not make it (a fresh Lambda) can start from it as a warm one starts from what it kept:
 * read again only what is marked since, not the whole data set (2–3 s on a 20,000-item
 * factory).
 */
type StoredLoad = {
  inputId: string;
  /**
   * Every item record read, active or not (the snapshot keeps what the engine reads of the
   * active ones); absent when the snapshot's items and BOMs are an earlier run's
   * (`masterFrom`): that run's stored load has them.
   */
  items?: Item[];
  balances: { warehouses: readonly Warehouse[]; byWarehouse: [string, readonly Balance[]][] };
  orders: PlanningOrders;
};

const LOAD = 'LD';

export async function putLoad(
  repo: Pick<MrpRepo, 'putParts'>,
  runId: string,
  inputId: string,
  load: LastLoad,
  masterFrom: string | undefined,
): Promise<void> {
  await repo.putParts(runId, LOAD, {
    inputId,
    ...(masterFrom ? {} : { items: [...load.master.items.values()] }),
    balances: {
      warehouses: load.balances.warehouses,
      byWarehouse: [...load.balances.byWarehouse],
    },
    orders: load.orders,
  } satisfies StoredLoad);
}

/**
 * The load of a run (`inputId`: the one its record names), from the table; undefined when the
 * run has none stored (runs from before, or another attempt's).
 */
export async function restoreLoad(
  repo: Pick<MrpRepo, 'getParts'>,
  run: { runId: string; inputId?: string | undefined; masterFrom?: string | undefined },
): Promise<LastLoad | undefined> {
  if (run.inputId === undefined) return undefined;
  const [stored, input, master] = await Promise.all([
    repo.getParts<StoredLoad>(run.runId, LOAD),
    getInput(repo, run.runId),
    run.masterFrom ? repo.getParts<StoredLoad>(run.masterFrom, LOAD) : undefined,
  ]);
  if (!stored || stored.inputId !== run.inputId || !input) return undefined;
  const items = run.masterFrom ? master?.items : stored.items;
  if (!items) return undefined;
  return {
    master: {
      items: new Map(items.map((i) => [i.code, i])),
      boms: new Map(input.boms.map(([parent, versions]) => [parent, [...versions]])),
    },
    balances: {
      warehouses: stored.balances.warehouses,
      byWarehouse: new Map(stored.balances.byWarehouse),
    },
    orders: stored.orders,
  };
}

/**
 * The tenant's planning data as of now for `runDate` and `horizonDays`, from the current
 * run's stored load and what is marked since (as a net run loads), when the current run was
 * planned for that date and horizon and stored its load; undefined otherwise (the caller reads
 * the whole data set). The same data a whole read gives.
 */
export async function loadSinceCurrentRun(
  deps: Deps,
  tenant: string,
  runDate: string,
  horizonDays: number,
): Promise<Awaited<ReturnType<typeof loadPlanningInput>> | undefined> {
  // Marks first, then the run they are relative to, then the data (see mrpTasks.load).
  const marks = planningMarks(deps, tenant);
  const [items, orders] = await Promise.all([marks.list(), marks.listOrders()]);
  if (items.some((m) => m.item === ALL_ITEMS)) return undefined;
  const repo = mrpRepo(deps, tenant);
  const currentId = await repo.getCurrent();
  const current = currentId ? await repo.getRun(currentId) : undefined;
  if (!current || current.runDate !== runDate || current.horizonDays !== horizonDays)
    return undefined;
  const kept = await restoreLoad(repo, current);
  if (!kept) return undefined;
  const changed = new Set(items.map((m) => m.item));
  const master = await loadMasterData(deps, tenant, runDate, horizonDays, {
    master: kept.master,
    changed,
  });
  return loadPlanningInput(deps, tenant, runDate, horizonDays, {
    master,
    since: { kept, changed, orders: orders.map((m) => m.order) },
  });
}
