import type { DashboardRangeQuery, ProductionSummary, Session } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { bucketOf, productionSummary } from '../../domain/dashboard/index.js';
import { taskOrderProgressRows } from '../../store/dashboardRepo.js';
import { shanghaiDate } from '../time.js';
import { businessToday } from './today.js';

/** Task orders open, late and completed in a range (default: this month). */
export async function productionDashboard(
  deps: Deps,
  s: Session,
  q: DashboardRangeQuery,
): Promise<ProductionSummary> {
  const today = businessToday(deps);
  const month = bucketOf(q.to ?? today, 'month');
  const range = { from: q.from ?? month.from, to: q.to ?? month.to };
  const rows = await taskOrderProgressRows(deps, s.tenant);
  return productionSummary(
    today,
    range,
    rows.map(({ completedAt, ...r }) => ({
      ...r,
      ...(completedAt ? { completedOn: shanghaiDate(new Date(completedAt)) } : {}),
    })),
  );
}
