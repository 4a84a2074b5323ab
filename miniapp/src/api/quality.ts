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
