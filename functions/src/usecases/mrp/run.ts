import { AppError, type Page, type PageQuery, type Session, notFound } from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  planMrp,
  type NetChange,
  type PlanningResult,
  type PlannedOrder,
} from '../../domain/mrp/index.js';
import { mrpRepo, type RunRecord } from '../../store/mrpRepo.js';
import { ALL_ITEMS, type OrderMark, type PlanningMark } from '../../store/mrpMarks.js';
import { planningMarks } from '../../store/mrpMarksRepo.js';
import { cutSegments, layersOf, mergeSortedByItem } from '../../store/mrpSegments.js';
import { loadMasterData, loadPlanningInput } from './load.js';
import {
  keepLastInput,
  keepLastLoad,
  keepLastPlan,
  loadKey,
  takeLastInput,
  takeLastLoad,
  takeLastPlan,
  type LastPlan,
} from './lastPlan.js';
import { laps } from './laps.js';
import { putLoad, restoreLoad } from './storedLoad.js';
import { getInput, putInput, sameMasterData, type StoredInput } from './inputSnapshot.js';
import { changedOrderItems, netLayerOf, rowsOfItems } from './netLayer.js';
import { checkPromises, notifyBrokenPromises, type PreviousCheck } from './promises.js';
import { failRun, runAgainIfAsked, type RunPointer } from './start.js';

export { startRun, systemSession, type RunMode, type RunPointer } from './start.js';

/** The run's snapshot of the planning marks it read (cleared when it becomes current). */
const MARKS = 'MK';
/** The order marks it read (cleared with them). */
const ORDER_MARKS = 'MKO';
export type StoredPlannedOrder = PlannedOrder & { id: string };

const ORDER: RunRecord['status'][] = ['queued', 'loaded', 'computed', 'persisted', 'completed'];
const reached = (run: RunRecord, status: RunRecord['status']) =>
  ORDER.indexOf(run.status) >= ORDER.indexOf(status);

export async function getRun(deps: Deps, s: Session, runId: string): Promise<RunRecord> {
  const run = await mrpRepo(deps, s.tenant).getRun(runId);
  if (!run) throw notFound('mrpRun', runId);
  return run;
}

/** The tenant's MRP runs, newest first, a page at a time. */
export function listRuns(deps: Deps, s: Session, q: PageQuery): Promise<Page<RunRecord>> {
  return mrpRepo(deps, s.tenant).listRuns(q);
}

async function runOf(deps: Deps, p: RunPointer): Promise<RunRecord> {
  const run = await mrpRepo(deps, p.tenant).getRun(p.runId);
  if (!run)
    throw new AppError('resource.notFound', `MRP 运行不存在：${p.runId}`, { runId: p.runId });
  return run;
}

/**
 * The workflow's tasks. Each takes the pointer, does its step once (a retry of a step that
 * already finished does nothing) and passes the pointer on.
 */
export const mrpTasks = {
  async load(deps: Deps, p: RunPointer): Promise<RunPointer> {
    const run = await runOf(deps, p);
    if (reached(run, 'loaded')) return p;
    const repo = mrpRepo(deps, p.tenant);
    const time = laps();
    // Marks first, then the plan they are relative to, then the data: every mark read has
    // its change in the data (the mark is written in the change's transaction), and none
    // written since the current plan loaded can be missing (only a run that became current
    // clears marks, and only those it read).
    const marks = await planningMarks(deps, p.tenant).list();
    const orderMarks = await planningMarks(deps, p.tenant).listOrders();
    const basis = run.mode === 'net' ? await netBasis(deps, p, run, marks) : undefined;
    const basedOn = basis && 'basedOn' in basis ? basis.basedOn : undefined;
    // A net run reads again only the master data, balances and orders marked since the plan
    // it is based on, when this process loaded that plan's (the marks read cover every change
    // since that load).
    time.lap('loadMarksMs');
    const inMemory = takeLastLoad(
      p.tenant,
      basis && 'basedOn' in basis ? loadKey(basis.basedOn, basis.inputId) : undefined,
    );
    // Another process made that plan (a fresh Lambda): its load, as that run stored it.
    const kept =
      inMemory ??
      (basis && 'basedOn' in basis
        ? await restoreLoad(repo, { ...basis, runId: basis.basedOn })
        : undefined);
    time.lap('loadRestoreMs');
    const changed = new Set(marks.map((m) => m.item));
    const since = kept && { kept, changed, orders: orderMarks.map((m) => m.order) };
    const master = await loadMasterData(
      deps,
      p.tenant,
      run.runDate,
      run.horizonDays,
      kept ? { master: kept.master, changed } : undefined,
    );
    time.lap('loadMasterMs');
    const { balances, orders, ...input } = await loadPlanningInput(
      deps,
      p.tenant,
      run.runDate,
      run.horizonDays,
      { master, since, withPromised: true },
    );
    time.lap('loadReadMs');
    const stored: StoredInput = { ...input, boms: [...input.boms] };
    // Items and BOMs as the plan it is based on had them: its snapshot's are referred to.
    const masterFrom =
      kept && basis && 'basedOn' in basis && sameMasterData(kept.master, master, changed)
        ? (basis.masterFrom ?? basis.basedOn)
        : undefined;
    const inputId = deps.newId();
    await Promise.all([
      putInput(repo, p.runId, stored, masterFrom),
      putLoad(repo, p.runId, inputId, { master, balances, orders }, masterFrom),
      repo.putParts(p.runId, MARKS, marks),
      repo.putParts(p.runId, ORDER_MARKS, orderMarks),
    ]);
    time.lap('loadWriteMs');
    keepLastLoad(p.tenant, loadKey(p.runId, inputId)!, { master, balances, orders });
    keepLastInput(p.tenant, loadKey(p.runId, inputId)!, stored);
    await repo.advance(p.runId, 'loaded', 'load', deps.clock.now().toISOString(), {
      inputId,
      ...(masterFrom ? { masterFrom } : {}),
      ...(basedOn ? { basedOn } : {}),
      ...(basis && 'fullBecause' in basis ? { fullBecause: basis.fullBecause } : {}),
      counts: {
        marks: marks.length,
        orderMarks: orderMarks.length,
        ...(basedOn
          ? { masterInMemory: inMemory ? 1 : 0, loadRestored: kept && !inMemory ? 1 : 0 }
          : {}),
        items: input.items.length,
        boms: input.boms.size,
        salesOrderLines: input.salesOrders.length,
        forecasts: input.forecasts.length,
        workOrders: input.workOrders.length,
        purchaseOrderLines: input.purchaseOrders.length,
        ...time.ms,
      },
    });
    return p;
  },

  async compute(deps: Deps, p: RunPointer): Promise<RunPointer> {
    const run = await runOf(deps, p);
    if (reached(run, 'computed')) return p;
    const repo = mrpRepo(deps, p.tenant);
    const time = laps();
    // Taken (and let go) first: a full run's compute does not hold a plan it does not need.
    const last = takeLastPlan<PlannedOrder, StoredInput>(p.tenant, run.basedOn);
    const kept = takeLastInput<StoredInput>(p.tenant, loadKey(p.runId, run.inputId));
    const stored = kept ?? (await getInput(repo, p.runId));
    if (!stored) throw new Error(`run ${p.runId} has no input snapshot`);
    const net = run.basedOn ? await netChangeOf(deps, p, run.basedOn, last) : undefined;
    const change = net?.change;
    time.lap('computeReadMs');
    const input = { ...stored, boms: new Map(stored.boms) };
    const result = planMrp(input, change);
    time.lap('computeMs');
    // Promised dates the plan does not meet: promiseBroken exceptions (told in notify).
    const report = change ? result.netChange : undefined;
    // A net run: the replanned items whose orders differ from the plan it kept.
    const changedOrders =
      report?.mode === 'net'
        ? changedOrderItems(change!.previous, result, report.replannedItems ?? [])
        : undefined;
    // After a net run on the same items and BOMs, only the lines it can have changed.
    const since: PreviousCheck | undefined =
      changedOrders && report!.sameItemsAndBoms && net?.promised
        ? { runId: run.basedOn!, lines: net.promised, changed: changedOrders }
        : undefined;
    const promisesChecked = await checkPromises(
      deps,
      p.tenant,
      p.runId,
      input,
      result,
      stored.promised,
      since,
    );
    time.lap('promisesMs');
    // A net run stores only the rows of the items it replanned, over the plan it kept.
    const layer = changedOrders
      ? await netLayerOf(repo, run.basedOn!, change!, result, changedOrders)
      : undefined;
    const own = layer ? rowsOfItems(result, new Set(layer.items)) : result;
    time.lap('layerMs');
    // Orders and exceptions come sorted by item (then due date), as the result index needs.
    await repo.putResult(p.runId, own.plannedOrders, own.exceptions, layer);
    time.lap('computeWriteMs');
    // Kept: the next net run, if this process makes it, starts from this plan without reading
    // it back.
    keepLastPlan({
      tenant: p.tenant,
      runId: p.runId,
      runDate: run.runDate,
      plannedOrders: result.plannedOrders,
      exceptions: result.exceptions,
      input: stored,
      ...(result.structure ? { structure: result.structure } : {}),
    });
    // A net request the engine could not take net (another BOM structure, calendar…) is
    // planned in full; the run says so, and how many items a net run replanned.
    await repo.advance(p.runId, 'computed', 'compute', deps.clock.now().toISOString(), {
      counts: {
        ...(run.counts ?? {}),
        plannedOrders: result.plannedOrders.length,
        exceptions: result.exceptions.length,
        ...(layer
          ? { storedOrders: own.plannedOrders.length, layers: (layer.under?.length ?? 0) + 1 }
          : {}),
        ...time.ms,
        promisesChecked,
        // Whether the input came from this process's load step (not read back).
        inputInMemory: kept ? 1 : 0,
        ...(report ? { replanned: report.replanned } : {}),
        // Whether the plan it started from was this process's last one (not read back).
        ...(change ? { previousInMemory: last ? 1 : 0 } : {}),
      },
      ...(report?.mode === 'full' && report.reason ? { fullBecause: report.reason } : {}),
    });
    return p;
  },

  async persist(deps: Deps, p: RunPointer): Promise<RunPointer> {
    const run = await runOf(deps, p);
    if (reached(run, 'persisted')) return p;
    const repo = mrpRepo(deps, p.tenant);
    const previous = await repo.getCurrent();
    // The previous run's unreleased planned orders stop being current; released ones are
    // purchase, task and outsourcing orders by now and are not touched. A run requested after
    // this one that is current already keeps its plan (setCurrent's condition).
    const current = await repo.setCurrent(run, deps.clock.now().toISOString());
    // The plan now reflects the changes this run read: their marks go (a mark written again
    // since keeps, its token changed). A superseded run clears nothing: the current plan
    // is not its own.
    let cleared = 0;
    if (current === p.runId) {
      const [marks, orderMarks] = await Promise.all([
        repo.getParts<PlanningMark[]>(p.runId, MARKS),
        repo.getParts<OrderMark[]>(p.runId, ORDER_MARKS),
      ]);
      cleared = await planningMarks(deps, p.tenant).clear(marks ?? [], orderMarks ?? []);
    }
    await repo.advance(p.runId, 'persisted', 'persist', deps.clock.now().toISOString(), {
      counts: { ...(run.counts ?? {}), marksCleared: cleared },
      ...(current !== p.runId
        ? { supersededBy: current }
        : previous && previous !== p.runId
          ? { previousRunId: previous }
          : {}),
    });
    return p;
  },

  async notify(deps: Deps, p: RunPointer): Promise<RunPointer> {
    const run = await runOf(deps, p);
    if (reached(run, 'completed')) return p;
    // The reps whose promised dates this plan broke (once per line and date).
    await notifyBrokenPromises(deps, p.tenant, p.runId);
    const at = deps.clock.now().toISOString();
    await mrpRepo(deps, p.tenant).advance(p.runId, 'completed', 'notify', at, { finishedAt: at });
    await runAgainIfAsked(deps, p, { foldFull: true });
    return p;
  },

  /** The run failed (a step gave up, or its workflow could not start). */
  fail: failRun,
};

/**
 * The plan a net run keeps the unmarked items of: the current one, if it was planned for the
 * same day and horizon and no mark asks for every item. Undefined: the run plans in full.
 */
async function netBasis(
  deps: Deps,
  p: RunPointer,
  run: RunRecord,
  marks: readonly PlanningMark[],
): Promise<{ basedOn: string; inputId?: string; masterFrom?: string } | { fullBecause: string }> {
  if (marks.some((m) => m.item === ALL_ITEMS))
    return { fullBecause: 'a change marked every item (an import or the calendar)' };
  const repo = mrpRepo(deps, p.tenant);
  const currentId = await repo.getCurrent();
  const current = currentId ? await repo.getRun(currentId) : undefined;
  if (!current) return { fullBecause: 'no current plan' };
  if (current.runDate !== run.runDate || current.horizonDays !== run.horizonDays)
    return { fullBecause: 'the current plan has another run date or horizon' };
  return {
    basedOn: current.runId,
    ...(current.inputId ? { inputId: current.inputId } : {}),
    ...(current.masterFrom ? { masterFrom: current.masterFrom } : {}),
  };
}

/**
 * The plan a net run starts from and the items it replans (the marks it read). The plan and
 * its input come from this process's memory when it computed them (`last`), else the table.
 */
async function netChangeOf(
  deps: Deps,
  p: RunPointer,
  basedOn: string,
  last: LastPlan<PlannedOrder, StoredInput> | undefined,
): Promise<{ change: NetChange; promised: StoredInput['promised'] }> {
  const previous = last ?? (await currentResult(deps, p.tenant, basedOn));
  if (!previous) throw new Error(`run ${p.runId}: the plan it is based on (${basedOn}) is gone`);
  const repo = mrpRepo(deps, p.tenant);
  const marks = (await repo.getParts<PlanningMark[]>(p.runId, MARKS)) ?? [];
  // What the previous plan was made from: the engine compares its structure (items, BOMs,
  // calendar, horizon) with today's; without it the run is a full one.
  const basis = last ? last.input : await getInput(repo, basedOn);
  const change: NetChange = {
    // As stored: the engine takes a stored plan's orders (ids and all) and leaves out its
    // promiseBroken exceptions itself (netChange.ts), so nothing is copied here.
    previous: {
      runDate: previous.runDate,
      plannedOrders: previous.plannedOrders,
      exceptions: previous.exceptions,
      ...(last?.structure ? { structure: last.structure } : {}),
    },
    dirty: new Set(marks.map((m) => m.item)),
    ...(basis ? { previousInput: { ...basis, boms: new Map(basis.boms) } } : {}),
  };
  // The promised lines the previous run checked (with its input).
  return { change, promised: basis?.promised };
}

/** The whole result of the current run (or a given one): for the CLI and small factories. */
export async function currentResult(
  deps: Deps,
  tenant: string,
  runId?: string,
): Promise<
  | (Omit<PlanningResult, 'plannedOrders'> & { runId: string; plannedOrders: StoredPlannedOrder[] })
  | undefined
> {
  const repo = mrpRepo(deps, tenant);
  const id = runId ?? (await repo.getCurrent());
  if (!id) return undefined;
  const run = await repo.getRun(id);
  if (!run) return undefined;
  const index = await repo.getResultIndex(id);
  const layers = index ? layersOf(id, index) : [];
  const all = async <T extends { item: string }>(what: 'orders' | 'exceptions') =>
    mergeSortedByItem(
      await Promise.all(
        layers.map(async (l) => {
          const segments = await repo.getSegments<T>(
            l.runId,
            what,
            l[what].map((_, n) => n),
          );
          return layers.length === 1
            ? segments.flat()
            : segments.flat().filter((r) => l.holds(r.item));
        }),
      ),
    );
  const [orders, exceptions] = await Promise.all([
    all<StoredPlannedOrder>('orders'),
    all<PlanningResult['exceptions'][number]>('exceptions'),
  ]);
  return { runId: id, runDate: run.runDate, plannedOrders: orders, exceptions };
}

/** One stored segment of a result: its rows' JSON text, read when asked for. */
export type SegmentText = { text(): Promise<string> };

/**
 * A run's whole result as the JSON text of its stored segments, in order, read one segment at
 * a time: for printing a result of any size (hundreds of MiB) without holding it all as
 * objects (`cli plan`). Planned orders are as stored (with their ids). Undefined for a run
 * that does not exist.
 */
export async function resultSegments(
  deps: Deps,
  tenant: string,
  runId: string,
): Promise<
  { runId: string; runDate: string; orders: SegmentText[]; exceptions: SegmentText[] } | undefined
> {
  const repo = mrpRepo(deps, tenant);
  const run = await repo.getRun(runId);
  if (!run) return undefined;
  const index = await repo.getResultIndex(runId);
  if (index?.under) {
    // A net run's layers: merged, then printed in pieces of a segment's size.
    const merged = await currentResult(deps, tenant, runId);
    const pieces = <T extends { item: string }>(rows: readonly T[]): SegmentText[] =>
      cutSegments(rows).chunks.map((chunk) => ({ text: async () => JSON.stringify(chunk) }));
    return {
      runId,
      runDate: run.runDate,
      orders: pieces(merged!.plannedOrders),
      exceptions: pieces(merged!.exceptions),
    };
  }
  const segments = (what: 'orders' | 'exceptions'): SegmentText[] =>
    (index?.[what] ?? []).map((_, n) => ({ text: () => repo.getSegmentText(runId, what, n) }));
  return {
    runId,
    runDate: run.runDate,
    orders: segments('orders'),
    exceptions: segments('exceptions'),
  };
}
