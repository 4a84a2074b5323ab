import {
  type DefectPareto,
  type DefectParetoQuery,
  type InspectionAgeReport,
  type Item,
  type Partner,
  type PassRateReport,
  type PassRateReportQuery,
  type Session,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { passRates, paretoDefects, type PassRateFact } from '../../domain/quality/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { qualityRepo, type QualityFact } from '../../store/qualityRepo.js';
import { shanghaiDate } from '../time.js';

/**
 * The quality reports (DOMAIN.md "Quality"): pass rates per supplier, item or month, defects
 * by code, pending inspections by age. Read from the results' facts, written with each result
 * and kept current by reversals and concessions.
 */

type Filters = { from: string; to: string; item?: string; partner?: string; kind?: string };

async function factsFor(deps: Deps, tenant: string, q: Filters): Promise<PassRateFact[]> {
  const facts = await qualityRepo(deps, tenant).factsBetween(q.from, q.to);
  return facts.filter(
    (f: QualityFact) =>
      (q.item === undefined || f.item === q.item) &&
      (q.partner === undefined || f.partner === q.partner) &&
      (q.kind === undefined || f.kind === q.kind),
  );
}

export async function passRateReport(
  deps: Deps,
  s: Session,
  q: PassRateReportQuery,
): Promise<PassRateReport> {
  const facts = await factsFor(deps, s.tenant, q);
  const rows = passRates(facts, q.by);
  // The whole range in one row, as the per-month rows count it (every result in force).
  const total = passRates(
    facts.map((f) => ({ ...f, date: q.from })),
    'month',
  )[0] ?? {
    key: '',
    inspected: '0',
    accepted: '0',
    rejected: '0',
    conceded: '0',
    passRate: null,
  };
  const names = await namesOf(
    deps,
    s.tenant,
    q.by,
    rows.map((r) => r.key),
  );
  return {
    by: q.by,
    from: q.from,
    to: q.to,
    rows: rows.map((r) => (names.has(r.key) ? { ...r, name: names.get(r.key)! } : r)),
    total: { ...total, key: '合计' },
  };
}

async function namesOf(
  deps: Deps,
  tenant: string,
  by: PassRateReportQuery['by'],
  codes: string[],
): Promise<Map<string, string>> {
  if (by === 'month' || !codes.length) return new Map();
  const found = await getMasterRecords(
    deps,
    tenant,
    by === 'item' ? { item: codes } : { partner: codes },
  );
  const records = (by === 'item' ? found.item : found.partner) as
    Map<string, Item | Partner> | undefined;
  return new Map([...(records ?? [])].map(([code, r]) => [code, r.name]));
}

export async function defectParetoReport(
  deps: Deps,
  s: Session,
  q: DefectParetoQuery,
): Promise<DefectPareto> {
  const rows = paretoDefects(await factsFor(deps, s.tenant, q));
  const defects = await qualityRepo(deps, s.tenant).getDefects(rows.map((r) => r.code));
  return {
    from: q.from,
    to: q.to,
    rows: rows.map((r) => {
      const d = defects.get(r.code);
      return d ? { ...r, name: d.name, category: d.category } : r;
    }),
  };
}

const BUCKETS: { label: string; minDays: number; maxDays: number | null }[] = [
  { label: '1 天内', minDays: 0, maxDays: 0 },
  { label: '1–2 天', minDays: 1, maxDays: 2 },
  { label: '3–6 天', minDays: 3, maxDays: 6 },
  { label: '7 天及以上', minDays: 7, maxDays: null },
];

/** Whole days between two Shanghai dates. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Pending orders (open or waiting for dispositions) by the days they have waited. */
export async function inspectionAgeReport(deps: Deps, s: Session): Promise<InspectionAgeReport> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const pending = await qualityRepo(deps, s.tenant).pendingInspections();
  const aged = pending.map(({ results: _r, dispositions: _d, ...o }) => ({
    ...o,
    ageDays: Math.max(0, daysBetween(shanghaiDate(new Date(o.openedAt)), today)),
  }));
  return {
    asOf: now.toISOString(),
    buckets: BUCKETS.map((b) => ({
      ...b,
      count: aged.filter(
        (o) => o.ageDays >= b.minDays && (b.maxDays === null || o.ageDays <= b.maxDays),
      ).length,
    })),
    oldest: aged.slice(0, 20),
  };
}
