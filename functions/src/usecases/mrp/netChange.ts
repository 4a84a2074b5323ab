import type { Deps } from '../../deps.js';
import { mrpRepo, type RunRecord } from '../../store/mrpRepo.js';
import type { OutboxHandler } from '../outbox/handler.js';
import type { NetChangeRequest } from './netChangeRequest.js';
import { startRun, systemSession } from './start.js';

/**
 * A run older than this is not waited for: the workflow times out after an hour
 * (definition.asl.json), and a run whose workflow died must not hold net change up for ever.
 */
const RUN_LIFETIME_MS = 60 * 60 * 1000;

const UNDER_WAY: ReadonlySet<RunRecord['status']> = new Set([
  'queued',
  'loaded',
  'computed',
  'persisted',
]);

/**
 * A net-change run for the tenant, unless a run is under way: then that run is asked to be
 * followed by another (`rerun`), which reads the marks written meanwhile, so a burst of
 * confirmed orders starts one run after the one running, not one per order.
 */
export async function requestNetChange(
  deps: Deps,
  tenant: string,
): Promise<{ started?: RunRecord; followed?: string }> {
  const repo = mrpRepo(deps, tenant);
  const since = deps.clock.now().getTime() - RUN_LIFETIME_MS;
  const recent = await repo.listRuns({ limit: 20 });
  for (const run of recent.items) {
    if (!UNDER_WAY.has(run.status) || Date.parse(run.requestedAt) < since) continue;
    if (await repo.askRerun(run.runId)) return { followed: run.runId };
  }
  return { started: await startRun(deps, systemSession(tenant), { mode: 'net' }) };
}

/**
 * How the outbox worker delivers an `mrpNetChange` record: it starts (or coalesces) the run;
 * a run whose workflow cannot start fails (marked so, its marks kept) and the record is
 * retried as any other, then left failed for a resend.
 */
export const netChangeDelivery: OutboxHandler = {
  async deliver(deps, r) {
    await requestNetChange(deps, (r.payload as NetChangeRequest).tenant);
    return {};
  },
  delivered: () => [],
  failed: () => [],
};
