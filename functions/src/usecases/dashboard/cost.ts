import type { CostSummary, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { costSummary } from '../../domain/dashboard/index.js';
import { costReport } from '../costing/report.js';
import { listPeriods } from '../costing/periods.js';

/** Cost per product and gross margin of the latest costed (or closed) period, if any. */
export async function costDashboard(deps: Deps, s: Session): Promise<CostSummary> {
  const latest = (await listPeriods(deps, s)).find(
    (p) => p.costedRunId !== undefined && (p.status === 'costed' || p.status === 'closed'),
  );
  return costSummary(latest ? await costReport(deps, s, latest.period) : undefined);
}
