import { isAppError } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { log } from '../../telemetry/log.js';
import { loadWecomApps } from '../../wecom/apps.js';
import { startRun, systemSession } from './start.js';

export type NightlyResult = {
  started: { tenant: string; runId: string }[];
  failedTenants: string[];
};

/** The tenants of the deployment: those with a WeCom app (as the daily digest finds them). */
async function tenants(deps: Deps): Promise<string[]> {
  try {
    return (await loadWecomApps(deps.config)).apps.map((a) => a.corpId);
  } catch (err) {
    if (isAppError(err) && err.code === 'wecom.notConfigured') return [];
    throw err;
  }
}

/**
 * The nightly regenerative run (an EventBridge schedule in AWS, infra NightlyMrp, invoking
 * the outbox worker's Lambda with `{ nightlyMrp: true }`): a full MRP
 * run for every tenant, through the same path as a planner's run. A full run clears the marks
 * it read, so whatever net change might have missed is planned afresh each night. A tenant
 * whose run cannot start is logged and left to the next night (its marks stay).
 */
export async function runNightlyPlans(
  deps: Deps,
  list: (deps: Deps) => Promise<string[]> = tenants,
): Promise<NightlyResult> {
  const result: NightlyResult = { started: [], failedTenants: [] };
  for (const tenant of await list(deps)) {
    try {
      const run = await startRun(deps, systemSession(tenant), { mode: 'full' });
      if (run.status === 'failed') result.failedTenants.push(tenant);
      else result.started.push({ tenant, runId: run.runId });
    } catch (err) {
      result.failedTenants.push(tenant);
      log.error('nightly mrp run not started', {
        tenant,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return result;
}
