import type {
  DefectPareto,
  DispositionInput,
  InspectionAgeReport,
  InspectionDetail,
  InspectionDisposed,
  InspectionListQuery,
  InspectionResultInput,
  InspectionResultPosted,
  InspectionView,
  Page,
  Partner,
  PassRateReport,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/** Inspection orders, results, dispositions and quality reports (shared/src/api/routes/quality.ts). */

const inspectionPath = (no: string) => `/api/inspections/${encodeURIComponent(no)}`;

/** Oldest first; `receipt`: the orders of a scanned receipt document (or one order by its no). */
export function listInspections(
  query: Partial<Pick<InspectionListQuery, 'status' | 'receipt' | 'cursor' | 'limit'>>,
): Promise<Page<InspectionView>> {
  return apiRequest({ method: 'GET', path: '/api/inspections', query });
}

export function getInspection(no: string): Promise<InspectionDetail> {
  return apiRequest({ method: 'GET', path: inspectionPath(no) });
}

export function postResult(
  no: string,
  body: InspectionResultInput,
  idempotencyKey: string,
): Promise<InspectionResultPosted> {
  return apiRequest({
    method: 'POST',
    path: `${inspectionPath(no)}/results`,
    body,
    idempotencyKey,
  });
}

export function reverseResult(
  no: string,
  body: { reverses: string; reason: string },
  idempotencyKey: string,
): Promise<InspectionResultPosted> {
  return apiRequest({
    method: 'POST',
    path: `${inspectionPath(no)}/reversals`,
    body,
    idempotencyKey,
  });
}

export function dispose(
  no: string,
  body: DispositionInput,
  idempotencyKey: string,
): Promise<InspectionDisposed> {
  return apiRequest({
    method: 'POST',
    path: `${inspectionPath(no)}/dispositions`,
    body,
    idempotencyKey,
  });
}

export function passRates(query: {
  by: 'supplier' | 'item' | 'month';
  from: string;
  to: string;
}): Promise<PassRateReport> {
  return apiRequest({ method: 'GET', path: '/api/quality/pass-rates', query });
}

export function defectPareto(query: { from: string; to: string }): Promise<DefectPareto> {
  return apiRequest({ method: 'GET', path: '/api/quality/defects', query });
}

export function inspectionAges(): Promise<InspectionAgeReport> {
  return apiRequest({ method: 'GET', path: '/api/quality/open-inspections' });
}

/**
 * Partner code -> name for the codes given (the inspection list carries codes only; the form's
 * read carries the name). Unknown codes are left out: the row shows the code.
 */
export async function partnerNames(codes: readonly string[]): Promise<Map<string, string>> {
  const found = await Promise.all(
    [...new Set(codes)].map((code) =>
      apiRequest<Partner>({ method: 'GET', path: `/api/partners/${encodeURIComponent(code)}` })
        .then((p) => [code, p.name] as const)
        .catch(() => undefined),
    ),
  );
  return new Map(found.filter((f): f is readonly [string, string] => f !== undefined));
}
