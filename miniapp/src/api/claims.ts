import type {
  ExpenseCategory,
  ExpenseClaim,
  ExpenseClaimCreate,
  ExpenseClaimPay,
  ExpenseClaimStatus,
  ExpenseClaimUpdate,
} from '@factory/shared';
import { apiRequest } from '../platform/request';

/** Expense claims and their categories over the API (shared/src/api/routes/claims.ts). */

const claimPath = (no: string) => `/api/expense-claims/${encodeURIComponent(no)}`;

export function listCategories(): Promise<ExpenseCategory[]> {
  return apiRequest({ method: 'GET', path: '/api/expense-categories' });
}

export function createClaim(
  body: ExpenseClaimCreate,
  idempotencyKey: string,
): Promise<ExpenseClaim> {
  return apiRequest({ method: 'POST', path: '/api/expense-claims', body, idempotencyKey });
}

export function updateClaim(
  no: string,
  body: ExpenseClaimUpdate,
  idempotencyKey: string,
): Promise<ExpenseClaim> {
  return apiRequest({ method: 'PATCH', path: claimPath(no), body, idempotencyKey });
}

export function getClaim(no: string): Promise<ExpenseClaim> {
  return apiRequest({ method: 'GET', path: claimPath(no) });
}

export interface ClaimQuery {
  status?: ExpenseClaimStatus;
  claimant?: string;
  /** Number, claimant or note text. */
  q?: string;
}

export function listClaims(query: ClaimQuery): Promise<ExpenseClaim[]> {
  return apiRequest({ method: 'GET', path: '/api/expense-claims', query: { ...query } });
}

/** The export of the claims a query finds (finance, managers, admins): its API path. */
export function claimsExportPath(query: ClaimQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  return `/api/expense-claims/export.xlsx${qs ? `?${qs}` : ''}`;
}

export function submitClaim(
  no: string,
  expectedVersion: number,
  idempotencyKey: string,
): Promise<ExpenseClaim> {
  return apiRequest({
    method: 'POST',
    path: `${claimPath(no)}/submit`,
    body: { expectedVersion },
    idempotencyKey,
  });
}

export function payClaim(
  no: string,
  body: ExpenseClaimPay,
  idempotencyKey: string,
): Promise<ExpenseClaim> {
  return apiRequest({ method: 'POST', path: `${claimPath(no)}/pay`, body, idempotencyKey });
}
