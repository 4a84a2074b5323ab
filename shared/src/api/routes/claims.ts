import * as z from 'zod';
import { ROLES, type Role } from '../../contracts/auth.js';
import { zCodeParams } from '../../contracts/common.js';
import {
  zExpenseCategory,
  zExpenseCategoryInput,
  zExpenseClaim,
  zExpenseClaimCreate,
  zExpenseClaimListQuery,
  zExpenseClaimParams,
  zExpenseClaimPay,
  zExpenseClaimSubmit,
  zExpenseClaimUpdate,
} from '../../contracts/expenseClaim.js';
import type { RouteContract } from './common.js';

/** Every employee claims expenses; finance (cost) keeps the categories and pays. */
export const CLAIMANTS: readonly Role[] = ROLES;
export const CLAIM_CATEGORY_EDITORS: readonly Role[] = ['cost', 'admin'];
export const CLAIM_PAYERS: readonly Role[] = ['cost'];
/** Finance, managers and admins read (and export) every claim. */
export const CLAIM_EXPORTERS: readonly Role[] = ['cost', 'manager', 'admin'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Expense claims (费用报销, issue 16; docs/claims.md): the tenant's expense categories (each to
 * a costing pool, or a period expense) and the claims.
 */
export const claimRoutes: readonly RouteContract[] = [
  {
    id: 'expenseCategories.list',
    method: 'GET',
    path: '/api/expense-categories',
    summary: 'Expense categories of the tenant, with the pool each lands in (or period expense)',
    tag: 'expenseClaims',
    auth: CLAIMANTS,
    response: z.array(zExpenseCategory),
    status: 200,
  },
  {
    id: 'expenseCategories.get',
    method: 'GET',
    path: '/api/expense-categories/{code}',
    summary: 'One expense category',
    tag: 'expenseClaims',
    auth: CLAIMANTS,
    params: zCodeParams,
    response: zExpenseCategory,
    status: 200,
  },
  {
    id: 'expenseCategories.put',
    method: 'PUT',
    path: '/api/expense-categories/{code}',
    summary:
      'Define or change a category: name, its costing pool or periodExpense (期间费用, never a pool), receipt required, active',
    tag: 'expenseClaims',
    auth: CLAIM_CATEGORY_EDITORS,
    params: zCodeParams,
    body: zExpenseCategoryInput,
    response: zExpenseCategory,
    status: 200,
  },
  {
    id: 'expenseClaims.create',
    method: 'POST',
    path: '/api/expense-claims',
    summary:
      'Enter an expense claim (draft): lines of category, amount (yuan), date, department or workshop, note, receipts',
    tag: 'expenseClaims',
    auth: CLAIMANTS,
    body: zExpenseClaimCreate,
    response: zExpenseClaim,
    status: 201,
  },
  {
    id: 'expenseClaims.list',
    method: 'GET',
    path: '/api/expense-claims',
    summary:
      "Expense claims, newest first: one's own; finance (cost), managers and admins see everyone's. Filters: status, claimant, from/to and category (of a line's expense date and category), q (number, claimant, title, notes)",
    tag: 'expenseClaims',
    auth: CLAIMANTS,
    query: zExpenseClaimListQuery,
    response: z.array(zExpenseClaim),
    status: 200,
  },
  {
    id: 'expenseClaims.export',
    method: 'GET',
    path: '/api/expense-claims/export.xlsx',
    summary:
      'Finance: the claims of the list filters (from, to, category, status, claimant, q) as an XLSX workbook, one row per matching line',
    tag: 'expenseClaims',
    auth: CLAIM_EXPORTERS,
    query: zExpenseClaimListQuery,
    response: z.string(),
    responseContentType: XLSX,
    status: 200,
  },
  {
    id: 'expenseClaims.get',
    method: 'GET',
    path: '/api/expense-claims/{no}',
    summary: "One claim with its lines and where each landed (403 for another employee's claim)",
    tag: 'expenseClaims',
    auth: CLAIMANTS,
    params: zExpenseClaimParams,
    response: zExpenseClaim,
    status: 200,
  },
  {
    id: 'expenseClaims.update',
    method: 'PATCH',
    path: '/api/expense-claims/{no}',
    summary: "Edit one's own draft or rejected claim (a draft again); else 409",
    tag: 'expenseClaims',
    auth: CLAIMANTS,
    params: zExpenseClaimParams,
    body: zExpenseClaimUpdate,
    response: zExpenseClaim,
    status: 200,
  },
  {
    id: 'expenseClaims.submit',
    method: 'POST',
    path: '/api/expense-claims/{no}/submit',
    summary:
      "Submit a draft through the approval engine (thresholds by the claim total); approved lines land in their period's pools",
    tag: 'expenseClaims',
    auth: CLAIMANTS,
    params: zExpenseClaimParams,
    body: zExpenseClaimSubmit,
    response: zExpenseClaim,
    status: 200,
  },
  {
    id: 'expenseClaims.pay',
    method: 'POST',
    path: '/api/expense-claims/{no}/pay',
    summary: 'Finance marks an approved claim paid, with the day paid (else 409)',
    tag: 'expenseClaims',
    auth: CLAIM_PAYERS,
    params: zExpenseClaimParams,
    body: zExpenseClaimPay,
    response: zExpenseClaim,
    status: 200,
  },
];
