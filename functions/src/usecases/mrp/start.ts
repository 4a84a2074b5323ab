import type { Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { mrpRepo, type RunRecord } from '../../store/mrpRepo.js';
import { MAX_LAYERS } from '../../store/mrpSegments.js';
import { outboxRepo } from '../../store/outboxRepo.js';
import type { CommitHooks } from '../hooks.js';
import { shanghaiDate } from '../time.js';
import { describeFailure, startOrMarkFailed } from '../workflowFailure.js';
import { netChangeRequestItem } from './netChangeRequest.js';

// Starting and failing MRP runs, apart from the run's steps (run.ts): the outbox worker and
// the nightly job start runs without carrying the planning engine.

export type RunPointer = { tenant: string; runId: string };
export type RunMode = 'full' | 'net';

/**
 * Creates a run and starts its workflow; the caller polls the run for progress. The run is
 * linked to the request's key as it is created; a retry after a crash (`hooks.resume`)
 * starts that run's workflow (once: by its execution name) instead of creating another.
 */
export async function startRun(
  deps: Deps,
  s: Session,
  input: { runDate?: string; horizonDays?: number; mode?: RunMode },
  hooks: CommitHooks<RunRecord> = {},
): Promise<RunRecord> {
  if (hooks.resume) {
    const earlier = await mrpRepo(deps, s.tenant).getRun(hooks.resume);
    // A run whose workflow could not start stays failed (startOrMarkFailed below).
    if (earlier?.status === 'failed') return earlier;
    if (earlier) {
      const pointer: RunPointer = { tenant: s.tenant, runId: earlier.runId };
      await deps.workflows('mrp', pointer, `${s.tenant}-${earlier.runId}`);
      return earlier;
    }
  }
  const now = deps.clock.now();
  const run: RunRecord = {
    runId: deps.newId(),
    status: 'queued',
    runDate: input.runDate ?? shanghaiDate(now),
    horizonDays: input.horizonDays ?? 90,
    mode: input.mode ?? 'full',
    requestedBy: s.user,
    requestedAt: now.toISOString(),
    steps: [],
  };
  await mrpRepo(deps, s.tenant).createRun(run, hooks.onStart?.(run.runId) ?? []);
  const pointer: RunPointer = { tenant: s.tenant, runId: run.runId };
  await startOrMarkFailed(
    () => deps.workflows('mrp', pointer, `${s.tenant}-${run.runId}`),
    (error) => failRun(deps, { ...pointer, error }),
  );
  return run;
}

/** The workflow's failure step: the run is failed, and a run asked to follow it is asked for. */
export async function failRun(
  deps: Deps,
  p: RunPointer & { error?: { Error?: string; Cause?: string } },
): Promise<RunPointer> {
  const at = deps.clock.now().toISOString();
  await mrpRepo(deps, p.tenant).advance(p.runId, 'failed', 'fail', at, {
    error: describeFailure(p.error),
    finishedAt: at,
  });
  await runAgainIfAsked(deps, p);
  return { tenant: p.tenant, runId: p.runId };
}

/** The session a run started by the system (net change, the nightly run) is requested in. */
export function systemSession(tenant: string): Session {
  return { tenant, user: 'system', roles: ['planner'] };
}

/**
 * A net-change request came while the run was under way (`rerun`, set by
 * `requestNetChange`): its marks were written after the run read them, so another net run is
 * asked for now that this one has finished, through the outbox like any request (once per
 * run: the record's id).
 *
 * `foldFull`: a completed run whose plan is current and fills the layer stack (`MAX_LAYERS`)
 * asks for a net run too, with nothing to replan: the run after a full stack folds the net
 * layers into its own, which can mean writing the whole plan (2 s on a 20k-item factory).
 * Asked for here, that is done after this run is current instead of in the run of the next
 * confirmed order. Not when a run was asked for already: that one folds.
 */
export async function runAgainIfAsked(
  deps: Deps,
  p: RunPointer,
  options: { foldFull?: boolean } = {},
): Promise<void> {
  const repo = mrpRepo(deps, p.tenant);
  const run = await repo.getRun(p.runId);
  if (!run) return;
  if (run.rerun)
    return askNetRun(deps, p.tenant, {
      id: `${p.runId}r`,
      summary: `净改变计划：运行 ${p.runId} 期间有新的变更`,
      ref: { runId: p.runId },
    });
  if (
    options.foldFull &&
    (run.counts?.layers ?? 0) >= MAX_LAYERS &&
    (await repo.getCurrent()) === p.runId
  )
    return askNetRun(deps, p.tenant, {
      id: `${p.runId}f`,
      summary: `合并计划分层：运行 ${p.runId} 后分层已满`,
      ref: { runId: p.runId },
    });
}

async function askNetRun(
  deps: Deps,
  tenant: string,
  cause: Parameters<typeof netChangeRequestItem>[2],
): Promise<void> {
  const item = netChangeRequestItem(deps, tenant, cause, deps.clock.now().toISOString());
  try {
    await deps.unitOfWork.commit([item]);
  } catch (err) {
    // A retried step asked already.
    if (!(await outboxRepo(deps, tenant).get(String(item.Put!.Item!.id)))) throw err;
  }
}
