import type { DashboardPeriodQuery, QualityChart, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { chartRange, qualityChart } from '../../domain/dashboard/index.js';
import { qualityRepo } from '../../store/qualityRepo.js';
import { businessToday } from './today.js';

/** Pass rate per week or month from the results' facts (what the quality reports read). */
export async function qualityDashboard(
  deps: Deps,
  s: Session,
  q: DashboardPeriodQuery,
): Promise<QualityChart> {
  const range = chartRange(q, businessToday(deps));
  const facts = await qualityRepo(deps, s.tenant).factsBetween(range.from, range.to);
  return qualityChart(q.by, range.buckets, facts);
}
