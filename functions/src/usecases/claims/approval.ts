import type {
  Approval,
  ExpenseClaim,
  ExpenseClaimLine,
  ExpenseEntry,
  Session,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { alreadyDecided } from '../../domain/approval/index.js';
import { earliestPeriodEnd, landLines } from '../../domain/claims/landing.js';
import { claimRepo } from '../../store/claimRepo.js';
import {
  addExpenseItem,
  closedThrough,
  closingDayOf,
  costingOpenCheck,
} from '../../store/costingEntries.js';
import type { TxItem } from '../../store/transact.js';
import type { ApprovalDocumentHandler, DocumentOutcome } from '../approval/documents.js';
import { shanghaiDate } from '../time.js';

// An expense claim in the approval engine: this module is all the approvals area loads of
// claims (docs/claims.md), so its bundle carries none of costing's contracts.

/**
 * The pool entries of an approved claim (DOMAIN.md "Costing" rule 4): each line whose category
 * maps to a pool, in the period of its date while open, else in the approval's period; one lock
 * check holds them back if a period they land in is closed meanwhile.
 */
export async function landing(
  deps: Deps,
  s: Session,
  claim: ExpenseClaim,
): Promise<{ claim: ExpenseClaim; items: TxItem[] }> {
  const [categories, closingDay, closed] = await Promise.all([
    claimRepo(deps, s.tenant).categories(),
    closingDayOf(deps, s.tenant),
    closedThrough(deps, s.tenant),
  ]);
  const byCode = new Map(categories.map((c) => [c.code, c] as const));
  const approvedOn = shanghaiDate(new Date(claim.decidedAt!));
  const poolOf = (l: ExpenseClaimLine) => byCode.get(l.category)?.pool;
  const landings = landLines(
    claim.lines.map((l) => ({ line: l.line, date: l.date, ...optionalPool(poolOf(l)) })),
    approvedOn,
    closingDay,
    closed,
  );
  const items: TxItem[] = [];
  const enteredAt = deps.clock.now().toISOString();
  const lines = claim.lines.map((l): ExpenseClaimLine => {
    const landed = landings.find((x) => x.line === l.line);
    if (!landed) return { ...l, landing: { periodExpense: true } };
    const entry: ExpenseEntry = {
      id: deps.newId(),
      period: landed.period,
      pool: landed.pool,
      amount: l.amount,
      date: landed.date,
      note: `报销 ${claim.no} 第 ${l.line} 行${l.categoryName ? ` ${l.categoryName}` : ''}`,
      source: { kind: 'claim', ref: `${claim.no}#${l.line}` },
      enteredBy: s.user,
      enteredAt,
    };
    items.push(addExpenseItem(deps, s.tenant, entry));
    return { ...l, landing: { pool: landed.pool, period: landed.period, entry: entry.id } };
  });
  const end = earliestPeriodEnd(landings, closingDay);
  if (end !== undefined) items.push(costingOpenCheck(deps, s.tenant, end));
  return { claim: { ...claim, lines }, items };
}

const optionalPool = (pool: string | undefined) => (pool === undefined ? {} : { pool });

/** The approval finished: approved (lines land in their pools) or rejected, in its transaction. */
export async function finishExpenseClaimApproval(
  deps: Deps,
  s: Session,
  approval: Approval,
  outcome: 'approved' | 'rejected',
): Promise<DocumentOutcome> {
  const repo = claimRepo(deps, s.tenant);
  const claim = await repo.get(approval.docNo);
  if (!claim || claim.status !== 'pending' || claim.approvalId !== approval.id)
    throw alreadyDecided(approval);
  const decided: ExpenseClaim = {
    ...claim,
    status: outcome === 'approved' ? 'approved' : 'rejected',
    version: claim.version + 1,
    decidedAt: approval.finishedAt!,
    updatedAt: approval.finishedAt!,
    updatedBy: s.user,
  };
  const landed =
    outcome === 'approved'
      ? await landing(deps, s, decided)
      : { claim: decided, items: [] as TxItem[] };
  return {
    items: [repo.put(landed.claim, claim.version, () => alreadyDecided(approval)), ...landed.items],
    document: landed.claim,
  };
}

/** Expense claims in the approval engine; registered at the composition root. */
export const expenseClaimApproval: ApprovalDocumentHandler = {
  type: 'expenseClaim',
  separateWork: false,
  finish: finishExpenseClaimApproval,
};
