import type { Item, Session, ShortageSummary } from '@factory/shared';
import type { Deps } from '../../deps.js';
import { shortageSummary } from '../../domain/dashboard/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { shortageAnalysis } from '../mrp/analysis.js';

/** Items short for open task orders: today's shortage analysis (足缺料分析), summed per item. */
export async function shortagesDashboard(deps: Deps, s: Session): Promise<ShortageSummary> {
  const analysis = await shortageAnalysis(deps, s, {});
  const codes = [...new Set(analysis.orders.flatMap((o) => o.components.map((c) => c.item)))];
  const items = codes.length
    ? ((await getMasterRecords(deps, s.tenant, { item: codes })).item as Map<string, Item>)
    : new Map<string, Item>();
  return shortageSummary(analysis, new Map([...items].map(([code, i]) => [code, i.name])));
}
