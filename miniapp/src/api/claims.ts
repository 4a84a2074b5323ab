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

export function listClaims(query: {
  status?: ExpenseClaimStatus;
  claimant?: string;
}): Promise<ExpenseClaim[]> {
  return apiRequest({ method: 'GET', path: '/api/expense-claims', query });
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
