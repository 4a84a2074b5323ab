import type { CostSummary, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { costSummary } from '../../domain/dashboard/index.js';
import { costingRepo } from '../../store/costingRepo.js';
import { costReport } from '../costing/report.js';

/**
 * Cost per product and gross margin of the latest costed (or closed) period, if any. The
 * periods are read from the store, not through usecases/costing/periods.ts, whose module also
 * starts costing runs (the workflows port this area does not wire).
 */
export async function costDashboard(deps: Deps, s: Session): Promise<CostSummary> {
  const periods = await costingRepo(deps, s.tenant).periods();
  const latest = periods
    .filter((p) => p.costedRunId !== undefined && (p.status === 'costed' || p.status === 'closed'))
    .sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0))[0];
  return costSummary(latest ? await costReport(deps, s, latest.period) : undefined);
}
