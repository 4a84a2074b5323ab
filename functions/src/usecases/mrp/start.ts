import type { Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { mrpRepo, type RunRecord } from '../../store/mrpRepo.js';
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
 */
export async function runAgainIfAsked(deps: Deps, p: RunPointer): Promise<void> {
  const run = await mrpRepo(deps, p.tenant).getRun(p.runId);
  if (!run?.rerun) return;
  const cause = {
    id: `${p.runId}r`,
    summary: `净改变计划：运行 ${p.runId} 期间有新的变更`,
    ref: { runId: p.runId },
  };
  const item = netChangeRequestItem(deps, p.tenant, cause, deps.clock.now().toISOString());
  try {
    await deps.unitOfWork.commit([item]);
  } catch (err) {
    // A retried step asked already.
    if (!(await outboxRepo(deps, p.tenant).get(String(item.Put!.Item!.id)))) throw err;
  }
}
