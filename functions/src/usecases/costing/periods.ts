import { AppError, type CostingPeriodRecord, type Session, notFound } from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  closeRefusal,
  costingRefusal,
  previousMonth,
  reopenRefusal,
} from '../../domain/costing/index.js';
import { costingRepo } from '../../store/costingRepo.js';
import { stockRepo } from '../../store/stockRepo.js';
import type { CommitHooks } from '../hooks.js';
import { startOrMarkFailed } from '../workflowFailure.js';
import { costingTasks } from './run.js';
import { completing } from '../hooks.js';
import { boundsOf } from './bounds.js';
import type { CostingPointer } from './pointer.js';

// Defined apart, so the workflow tasks (run.ts) need not import this module back.
export type { CostingPointer } from './pointer.js';

/** A run that has not moved for this long is taken as lost (its workflow died): start again. */
const STALE_RUN_MS = 15 * 60_000;

/** The period's record, or a new open one (never costed) within the tenant's bounds. */
async function periodOrNew(
  deps: Deps,
  tenant: string,
  period: string,
  found: CostingPeriodRecord | undefined,
): Promise<CostingPeriodRecord> {
  if (found) return found;
  const { from, to } = await boundsOf(deps, tenant, period);
  return { period, from, to, status: 'open', version: 0 };
}

/** The tenant's periods, newest first. */
export async function listPeriods(deps: Deps, s: Session): Promise<CostingPeriodRecord[]> {
  const periods = await costingRepo(deps, s.tenant).periods();
  return periods.sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0));
}

export async function getPeriod(deps: Deps, s: Session, period: string) {
  return periodOrNew(deps, s.tenant, period, await costingRepo(deps, s.tenant).getPeriod(period));
}

/** The latest closed period, if any. */
async function latestClosed(deps: Deps, tenant: string): Promise<string | undefined> {
  return (await costingRepo(deps, tenant).getLock())?.period;
}

/** The period's record (if any) and the latest closed period (if any). */
function periodAndLatestClosed(deps: Deps, tenant: string, period: string) {
  return Promise.all([costingRepo(deps, tenant).getPeriod(period), latestClosed(deps, tenant)]);
}

/**
 * Why `period` cannot be costed now: it is closed; an earlier period is still open (its closing
 * is this one's opening); or it comes before where costing starts.
 */
async function refusal(deps: Deps, tenant: string, period: string): Promise<string | undefined> {
  const repo = costingRepo(deps, tenant);
  const [closed, periods, opening] = await Promise.all([
    latestClosed(deps, tenant),
    repo.periods(),
    repo.getOpening(),
  ]);
  const byRule = costingRefusal(period, closed);
  if (byRule) return byRule;
  if (closed === undefined) {
    if (opening && period !== opening.period) {
      return period < opening.period
        ? `成本核算从 ${opening.period} 开始（期初成本），${period} 不核算`
        : `请先核算并关账期间 ${opening.period}，再核算 ${period}`;
    }
    const earlier = periods.find((p) => p.period < period && p.status !== 'closed');
    if (earlier) return `请先关账期间 ${earlier.period}，再核算 ${period}`;
  }
  return undefined;
}

/**
 * Starts costing the period (repeatable until it is closed); the caller polls the period for
 * progress. A run still going is not started twice; a retried request resumes its own run.
 */
export async function startCosting(
  deps: Deps,
  s: Session,
  period: string,
  hooks: CommitHooks<CostingPeriodRecord> = {},
): Promise<CostingPeriodRecord> {
  const repo = costingRepo(deps, s.tenant);
  if (hooks.resume) {
    const earlier = await repo.getPeriod(period);
    if (earlier?.run?.runId === hooks.resume) {
      await startWorkflow(deps, { tenant: s.tenant, period, runId: earlier.run.runId });
      return earlier;
    }
  }
  const why = await refusal(deps, s.tenant, period);
  if (why) throw new AppError('costing.invalidState', why, { period });
  const current = await repo.getPeriod(period);
  const now = deps.clock.now();
  const running = current?.run?.status === 'running';
  const lastMove = current?.run?.steps.at(-1)?.at ?? current?.run?.requestedAt;
  if (running && now.getTime() - Date.parse(lastMove!) < STALE_RUN_MS) {
    throw new AppError('costing.invalidState', `期间 ${period} 正在核算，请稍候`, {
      period,
      runId: current!.run!.runId,
    });
  }
  const runId = deps.newId();
  const record: CostingPeriodRecord = {
    ...(await periodOrNew(deps, s.tenant, period, current)),
    run: {
      runId,
      status: 'running',
      requestedBy: s.user,
      requestedAt: now.toISOString(),
      steps: [],
    },
    version: (current?.version ?? 0) + 1,
  };
  await deps.unitOfWork.commit([
    repo.putPeriod(record, current?.version),
    ...(hooks.onStart?.(runId) ?? []),
  ]);
  const pointer = { tenant: s.tenant, period, runId };
  await startOrMarkFailed(
    () => startWorkflow(deps, pointer),
    (error) => costingTasks.fail(deps, { ...pointer, error }),
  );
  return record;
}

function startWorkflow(deps: Deps, p: CostingPointer): Promise<void> {
  return deps.workflows('costing', p, `${p.tenant}-costing-${p.period}-${p.runId}`);
}

/**
 * Closes a costed period: the lock moves to its last day, so every posting dated in it (or
 * earlier) is refused from now on. The costed report must still stand: a document dated in the
 * period and posted after its costing was loaded refuses the close (cost it again first).
 */
export async function closePeriod(
  deps: Deps,
  s: Session,
  period: string,
  hooks: CommitHooks<CostingPeriodRecord> = {},
): Promise<CostingPeriodRecord> {
  const repo = costingRepo(deps, s.tenant);
  const [current, closed] = await periodAndLatestClosed(deps, s.tenant, period);
  // A retry of a close that got as far as the lock: finish it (answer it).
  if (hooks.resume === period && current?.status === 'closed') {
    await deps.unitOfWork.commit(completing(hooks, current, []));
    return current;
  }
  const record = await periodOrNew(deps, s.tenant, period, current);
  const why = closeRefusal(period, record.status, closed);
  if (why) throw new AppError('costing.invalidState', why, { period });
  if (record.run?.status === 'running') {
    throw new AppError('costing.invalidState', `期间 ${period} 正在核算，请等核算完成后再关账`, {
      period,
    });
  }
  await refuseLatePostings(deps, s.tenant, record);
  const next: CostingPeriodRecord = {
    ...record,
    status: 'closed',
    closedAt: deps.clock.now().toISOString(),
    closedBy: s.user,
    version: record.version + 1,
  };
  // The lock first: from here no posting into the period can land unseen. A posting that
  // landed between the check above and the lock is caught by the check after it.
  await deps.unitOfWork.commit([
    repo.putPeriod(next, record.version),
    repo.setLock({ closedThrough: record.to, period }),
    ...(hooks.onStart?.(period) ?? []),
  ]);
  try {
    await refuseLatePostings(deps, s.tenant, record);
  } catch (err) {
    const back = await repo.getPeriod(period);
    await deps.unitOfWork.commit([
      repo.putPeriod({ ...record, version: back!.version + 1 }, back!.version),
      repo.setLock(
        closed
          ? { closedThrough: (await boundsOf(deps, s.tenant, closed)).to, period: closed }
          : undefined,
      ),
    ]);
    throw err;
  }
  await deps.unitOfWork.commit(completing(hooks, next, []));
  return next;
}

/** The report does not cover a document posted into the period after it was costed. */
async function refuseLatePostings(
  deps: Deps,
  tenant: string,
  record: CostingPeriodRecord,
): Promise<void> {
  const late = await postedAfterCosting(deps, tenant, record);
  if (!late.length) return;
  throw new AppError(
    'costing.invalidState',
    `期间 ${record.period} 在核算后又有单据过账（${late.slice(0, 5).join('、')}${late.length > 5 ? ' 等' : ''}），请重新核算后再关账`,
    { period: record.period, documents: late },
  );
}

/** Documents dated in the period and posted after its standing run loaded the ledger. */
async function postedAfterCosting(
  deps: Deps,
  tenant: string,
  record: CostingPeriodRecord,
): Promise<string[]> {
  const loadedAt = record.run?.steps.find((st) => st.name === 'load')?.at;
  if (!loadedAt) return [];
  const repo = stockRepo(deps, tenant);
  const docs = await Promise.all(
    (['receipt', 'issue', 'transfer', 'adjustment'] as const).map((kind) =>
      repo.documentsPostedSince(kind, loadedAt),
    ),
  );
  return docs
    .flat()
    .filter((d) => d.date >= record.from && d.date <= record.to && d.postedAt > loadedAt)
    .map((d) => d.no);
}

/** Reopens the latest closed period (a manager): postings into it are accepted again. */
export async function reopenPeriod(
  deps: Deps,
  s: Session,
  period: string,
  hooks: CommitHooks<CostingPeriodRecord> = {},
): Promise<CostingPeriodRecord> {
  const repo = costingRepo(deps, s.tenant);
  const [current, closed] = await periodAndLatestClosed(deps, s.tenant, period);
  const why = reopenRefusal(period, closed);
  if (why) throw new AppError('costing.invalidState', why, { period });
  if (!current) throw notFound('costingPeriod', period);
  const before = previousMonth(period);
  const beforeRecord = await repo.getPeriod(before);
  const next: CostingPeriodRecord = {
    ...current,
    status: 'costed',
    reopenedAt: deps.clock.now().toISOString(),
    reopenedBy: s.user,
    version: current.version + 1,
  };
  await deps.unitOfWork.commit(
    completing(hooks, next, [
      repo.putPeriod(next, current.version),
      repo.setLock(
        beforeRecord?.status === 'closed'
          ? { closedThrough: beforeRecord.to, period: before }
          : undefined,
      ),
    ]),
  );
  return next;
}
