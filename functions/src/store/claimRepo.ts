import {
  type AppError,
  type ExpenseCategory,
  type ExpenseClaim,
  alreadyExists,
  versionConflict,
  zExpenseCategory,
  zExpenseClaim,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { declareRecord } from './records.js';
import type { TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

export const expenseCategoryRecord = /* @__PURE__ */ declareRecord<ExpenseCategory, string>({
  type: 'expenseCategory',
  key: (tenant, code) => keys.expenseCategory(tenant, code),
  keys: (tenant, c) => keys.expenseCategory(tenant, c.code),
  storage: { kind: 'json', attribute: 'doc' },
  parse: (fields) => zExpenseCategory.parse(fields),
});

export const expenseClaimRecord = /* @__PURE__ */ declareRecord<ExpenseClaim, string>({
  type: 'expenseClaim',
  key: (tenant, no) => keys.expenseClaim(tenant, no),
  keys: (tenant, c) => keys.expenseClaim(tenant, c.no),
  storage: { kind: 'json', attribute: 'doc' },
  // The version beside the text: a write is conditional on it.
  extra: (c) => ({ version: c.version, claimant: c.claimant, status: c.status }),
  parse: (fields) => zExpenseClaim.parse(fields),
});

/**
 * Expense categories and claims: one partition per tenant (a factory's claims are a few
 * thousand a year; the list reads the partition and filters).
 */
export function claimRepo(deps: Db, tenant: string) {
  const partition = { attr: 'pk' as const, value: keys.claimsPartition(tenant) };
  return {
    getCategory: (code: string) => expenseCategoryRecord.get(deps, tenant, code),
    putCategory: (c: ExpenseCategory): TxItem => expenseCategoryRecord.put(deps, tenant, c),
    categories: () => expenseCategoryRecord.queryPartition(deps, partition),

    get: (no: string) => expenseClaimRecord.get(deps, tenant, no),
    claims: () => expenseClaimRecord.queryPartition(deps, partition),
    /** A new claim (`expected` undefined) or one still at the version read. */
    put(claim: ExpenseClaim, expected: number | undefined, onConflict?: () => AppError): TxItem {
      return expenseClaimRecord.putAt(
        deps,
        tenant,
        claim,
        expected,
        () =>
          onConflict?.() ??
          (expected === undefined
            ? alreadyExists('expenseClaim', claim.no)
            : versionConflict('expenseClaim', claim.no, expected)),
      );
    },
  };
}
