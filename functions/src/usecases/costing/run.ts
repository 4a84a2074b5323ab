import type { CostingPeriodRecord, CostingRun } from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  type CostingInput,
  type CostingResult,
  type CostPool,
  carryForward,
  costPeriod,
  previousMonth,
  yuanText,
  fenOf,
} from '../../domain/costing/index.js';
import { type Restored, restoredComposition } from '../../domain/costing/restore.js';
import { costingRepo } from '../../store/costingRepo.js';
import { outboxRepo } from '../../store/outboxRepo.js';
import { taskOrderRepo } from '../../store/taskOrderRepo.js';
import { describeFailure } from '../workflowFailure.js';
import { boundsOf } from './bounds.js';
import { loadPeriodLedger } from './ledger.js';
import type { CostingPointer } from './pointer.js';

/** What a costed period hands to the next (carry.ts), as stored with its run. */
export type StoredCarry =
  ReturnType<typeof carryForward> extends infer C
    ? C extends { carried: ReadonlyMap<string, string> }
      ? Omit<C, 'carried'> & { carried: [string, string][] }
      : never
    : never;

/** A run's stored result: the engine's report and the carry. */
export type StoredResult = {
  result: CostingResult;
  carry: StoredCarry;
  /** Rule 7's restored composition per product (成本还原). */
  restored?: [string, Restored][];
};

/** A costing notice: the requester told that the period is costed (or failed). */
export type CostingNotice = {
  tenant: string;
  touser: string[];
  period: string;
  runId: string;
  ok: boolean;
  summary: string;
};

async function current(
  deps: Deps,
  p: CostingPointer,
): Promise<{ record: CostingPeriodRecord; run: CostingRun } | undefined> {
  const record = await costingRepo(deps, p.tenant).getPeriod(p.period);
  // A later run took over (or the period was closed meanwhile): this one stops quietly.
  if (!record?.run || record.run.runId !== p.runId) return undefined;
  return { record, run: record.run };
}

const done = (run: CostingRun, step: string) => run.steps.some((st) => st.name === step);

/** Records a step on the period's run, guarded by the version read. */
async function advance(
  deps: Deps,
  p: CostingPointer,
  step: string,
  change: (record: CostingPeriodRecord, run: CostingRun, at: string) => CostingPeriodRecord,
): Promise<void> {
  const found = await current(deps, p);
  if (!found) return;
  const at = deps.clock.now().toISOString();
  const run = { ...found.run, steps: [...found.run.steps, { name: step, at }] };
  const next = change({ ...found.record, run }, run, at);
  await deps.unitOfWork.commit([
    costingRepo(deps, p.tenant).putPeriod(
      { ...next, version: found.record.version + 1 },
      found.record.version,
    ),
  ]);
}

/** The opening of the period: the period before's closing, or where costing starts. */
async function openingOf(
  deps: Deps,
  tenant: string,
  period: string,
): Promise<{ opening: CostingInput['opening']; carried: Map<string, string> }> {
  const repo = costingRepo(deps, tenant);
  const before = await repo.getPeriod(previousMonth(period));
  if (before?.status === 'closed' && before.costedRunId) {
    const stored = await repo.getRunPart<StoredResult>(before.period, before.costedRunId, 'OUT');
    if (!stored) throw new Error(`costing: ${before.period}'s result is missing`);
    return { opening: stored.carry.opening, carried: new Map(stored.carry.carried) };
  }
  const start = await repo.getOpening();
  if (start && start.period === period) {
    return { opening: { stock: start.stock, wip: start.wip }, carried: new Map() };
  }
  return { opening: { stock: [], wip: [] }, carried: new Map() };
}

/** Numbers of the tenant's task orders not yet done (their index's open section). */
async function openTaskOrders(deps: Deps, tenant: string): Promise<string[]> {
  const repo = taskOrderRepo(deps, tenant);
  const nos: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await repo.page('open', 500, start);
    nos.push(...page.items.map((o) => o.no));
    start = page.next;
  } while (start);
  return nos;
}

/**
 * The costing workflow's tasks. Each takes the pointer, does its step once (a retried step
 * that already finished does nothing), and passes the pointer on.
 */
export const costingTasks = {
  async load(deps: Deps, p: CostingPointer): Promise<CostingPointer> {
    const found = await current(deps, p);
    if (!found || done(found.run, 'load')) return p;
    const repo = costingRepo(deps, p.tenant);
    const period = await boundsOf(deps, p.tenant, p.period);
    const [{ opening, carried }, definitions, entries, counts] = await Promise.all([
      openingOf(deps, p.tenant, p.period),
      repo.pools(),
      repo.expenses(p.period),
      repo.wipCounts(p.period),
    ]);
    const open = await openTaskOrders(deps, p.tenant);
    const ledger = await loadPeriodLedger(deps, p.tenant, period, [
      ...opening.wip.map((w) => w.order),
      ...counts.map((c) => c.order),
      ...open,
    ]);
    // An open order joins the period by its hours (labour by hours reaches it) or its WIP;
    // one with nothing in the period is left out of it.
    const inPlay = new Set([
      ...ledger.moves.flatMap((m) => (m.order ? [m.order] : [])),
      ...opening.wip.map((w) => w.order),
      ...counts.map((c) => c.order),
    ]);
    ledger.orders = ledger.orders.filter(
      (o) => inPlay.has(o.no) || (o.hours !== undefined && o.hours !== '0'),
    );
    const amount = new Map<string, bigint>();
    for (const e of entries) amount.set(e.pool, (amount.get(e.pool) ?? 0n) + fenOf(e.amount));
    const pools: CostPool[] = definitions
      .filter((d) => d.active || amount.has(d.code) || carried.has(d.code))
      .map((d) => ({
        code: d.code,
        name: d.name,
        basis: d.basis,
        ...(d.workshop ? { workshop: d.workshop } : {}),
        amount: yuanText(amount.get(d.code) ?? 0n),
        ...(carried.has(d.code) ? { carriedIn: carried.get(d.code)! } : {}),
      }));
    const countOf = new Map(counts.map((c) => [c.order, c.qty]));
    const input: CostingInput = {
      period,
      items: ledger.items,
      opening,
      orders: ledger.orders.map((o) =>
        countOf.has(o.no) ? { ...o, wipCount: countOf.get(o.no)! } : o,
      ),
      moves: ledger.moves,
      pools,
    };
    await repo.putRunPart(p.period, p.runId, 'IN', input);
    await advance(deps, p, 'load', (r, run) => ({
      ...r,
      run: {
        ...run,
        counts: {
          items: input.items.length,
          orders: input.orders.length,
          moves: input.moves.length,
          pools: input.pools.length,
        },
      },
    }));
    return p;
  },

  async compute(deps: Deps, p: CostingPointer): Promise<CostingPointer> {
    const found = await current(deps, p);
    if (!found || done(found.run, 'compute')) return p;
    const repo = costingRepo(deps, p.tenant);
    const input = await repo.getRunPart<CostingInput>(p.period, p.runId, 'IN');
    if (!input) throw new Error(`costing run ${p.runId} has no input`);
    const started = performance.now();
    const result = costPeriod(input);
    const computeMs = Math.round(performance.now() - started);
    const carry = carryForward(result);
    const stored: StoredResult = {
      result,
      carry: { opening: carry.opening, carried: [...carry.carried] },
      restored: [...restoredComposition(input, result)],
    };
    await repo.putRunPart(p.period, p.runId, 'OUT', stored);
    await advance(deps, p, 'compute', (r, run) => ({
      ...r,
      run: { ...run, counts: { ...(run.counts ?? {}), computeMs } },
    }));
    return p;
  },

  /** The run's report becomes the period's: costed (until it is closed). */
  async write(deps: Deps, p: CostingPointer): Promise<CostingPointer> {
    const found = await current(deps, p);
    if (!found || done(found.run, 'write')) return p;
    await advance(deps, p, 'write', (r, _run, at) => ({
      ...r,
      status: r.status === 'closed' ? 'closed' : 'costed',
      costedRunId: p.runId,
      costedAt: at,
    }));
    return p;
  },

  async notify(deps: Deps, p: CostingPointer): Promise<CostingPointer> {
    const found = await current(deps, p);
    if (!found || done(found.run, 'notify')) return p;
    const stored = await costingRepo(deps, p.tenant).getRunPart<StoredResult>(
      p.period,
      p.runId,
      'OUT',
    );
    const r = stored!.result;
    const summary = `产品 ${new Set(r.orders.map((o) => o.item)).size} 个，订单 ${r.orders.length} 张，勾稽差额 ${r.reconciliation.difference}`;
    await notifyAndFinish(deps, p, found.run, true, summary, 'notify');
    return p;
  },

  async fail(
    deps: Deps,
    p: CostingPointer & { error?: { Error?: string; Cause?: string } },
  ): Promise<CostingPointer> {
    const pointer = { tenant: p.tenant, period: p.period, runId: p.runId };
    const found = await current(deps, pointer);
    if (!found || found.run.status !== 'running') return pointer;
    await notifyAndFinish(deps, pointer, found.run, false, describeFailure(p.error), 'fail');
    return pointer;
  },
};

/** Ends the run (completed or failed) and queues the requester's WeCom text with it. */
async function notifyAndFinish(
  deps: Deps,
  p: CostingPointer,
  run: CostingRun,
  ok: boolean,
  summary: string,
  step: string,
): Promise<void> {
  const found = await current(deps, p);
  if (!found) return;
  const at = deps.clock.now().toISOString();
  const notice: CostingNotice = {
    tenant: p.tenant,
    touser: [run.requestedBy],
    period: p.period,
    runId: p.runId,
    ok,
    summary,
  };
  const next: CostingPeriodRecord = {
    ...found.record,
    run: {
      ...found.run,
      status: ok ? 'completed' : 'failed',
      steps: [...found.run.steps, { name: step, at }],
      finishedAt: at,
      ...(ok ? {} : { error: summary }),
    },
    version: found.record.version + 1,
  };
  await deps.unitOfWork.commit([
    costingRepo(deps, p.tenant).putPeriod(next, found.record.version),
    outboxRepo(deps, p.tenant).enqueueItem(`${p.runId}-notice`, at, {
      kind: 'costingNotice',
      payload: notice,
      summary: `成本核算${ok ? '完成' : '失败'}：${p.period}`,
      recipients: notice.touser,
      ref: { period: p.period, runId: p.runId },
    }),
  ]);
}
