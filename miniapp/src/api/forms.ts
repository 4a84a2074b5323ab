import type {
  FormDefinition,
  FormRequest,
  FormRequestCreate,
  FormRequestListQuery,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/** Generic approvals over the API (contracts: shared/src/contracts/form.ts; docs/forms.md). */

export function listForms(): Promise<FormDefinition[]> {
  return apiRequest({ method: 'GET', path: '/api/forms' });
}

export function submitFormRequest(body: FormRequestCreate, idempotencyKey: string) {
  return apiRequest<FormRequest>({
    method: 'POST',
    path: '/api/form-requests',
    body,
    idempotencyKey,
  });
}

export function myFormRequests(query: FormRequestListQuery = {}): Promise<FormRequest[]> {
  return apiRequest({ method: 'GET', path: '/api/form-requests', query });
}

export function withdrawFormRequest(no: string, idempotencyKey: string) {
  return apiRequest<FormRequest>({
    method: 'POST',
    path: `/api/form-requests/${encodeURIComponent(no)}/withdraw`,
    body: {},
    idempotencyKey,
  });
}
