import {
  AppError,
  type ExpenseCategory,
  type ExpenseCategoryInput,
  type ExpenseClaim,
  type ExpenseClaimCreate,
  type ExpenseClaimLine,
  type ExpenseClaimLineInput,
  type ExpenseClaimListQuery,
  type ExpenseClaimPay,
  type ExpenseClaimStatus,
  type ExpenseClaimSubmit,
  type ExpenseClaimUpdate,
  type FieldIssue,
  type Role,
  type Session,
  fenMoney,
  formatMoney,
  invalidRequest,
  lineAmountFen,
  notFound,
  versionConflict,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { claimRepo } from '../../store/claimRepo.js';
import { costingRepo } from '../../store/costingRepo.js';
import { nextDocumentNumber } from '../../store/sequenceRepo.js';
import { prepareApproval, stepsFor } from '../approval/submitting.js';
import {
  attachmentRefItems,
  checkedReceipts,
  isApprovalInvolved,
} from '../attachments/attachments.js';
import { completing, type CommitHooks } from '../hooks.js';
import { landing } from './approval.js';
import { shanghaiDate } from '../time.js';

/** Finance (role cost), managers and admins see every claim; others only their own. */
export const CLAIM_READERS: readonly Role[] = ['cost', 'manager', 'admin'];

const readsAll = (s: Session) => s.roles.some((r) => CLAIM_READERS.includes(r));

function invalidState(no: string, status: ExpenseClaimStatus, action: string): AppError {
  return new AppError('expenseClaim.invalidState', `报销单 ${no} 状态为 ${status}，不能${action}`, {
    no,
    status,
  });
}

// ---- categories -------------------------------------------------------------------------

/** Defines or changes a category; a pool it maps to must exist and be active. */
export async function putExpenseCategory(
  deps: Deps,
  s: Session,
  code: string,
  input: ExpenseCategoryInput,
  hooks: CommitHooks<ExpenseCategory> = {},
): Promise<ExpenseCategory> {
  if (input.pool !== undefined) {
    const pool = await costingRepo(deps, s.tenant).getPool(input.pool);
    if (!pool || !pool.active) {
      throw invalidRequest([
        {
          path: ['body', 'pool'],
          message: pool ? `费用池已停用：${input.pool}` : `费用池不存在：${input.pool}`,
        },
      ]);
    }
  }
  const category: ExpenseCategory = {
    code,
    name: input.name,
    ...(input.pool !== undefined ? { pool: input.pool } : {}),
    periodExpense: input.pool === undefined,
    receiptRequired: input.receiptRequired ?? false,
    active: input.active ?? true,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, category, [claimRepo(deps, s.tenant).putCategory(category)]),
  );
  return category;
}

export async function getExpenseCategory(
  deps: Deps,
  s: Session,
  code: string,
): Promise<ExpenseCategory> {
  const c = await claimRepo(deps, s.tenant).getCategory(code);
  if (!c) throw notFound('expenseCategory', code);
  return c;
}

export async function listExpenseCategories(deps: Deps, s: Session): Promise<ExpenseCategory[]> {
  return claimRepo(deps, s.tenant).categories();
}

// ---- claims -----------------------------------------------------------------------------

/**
 * The lines checked against the categories (exist, active, a receipt where required) and
 * priced in fen; every bad field named.
 */
async function checkedLines(
  deps: Deps,
  tenant: string,
  lines: readonly ExpenseClaimLineInput[],
  at: (string | number)[],
  more: readonly FieldIssue[] = [],
): Promise<ExpenseClaimLine[]> {
  const categories = new Map(
    (await claimRepo(deps, tenant).categories()).map((c) => [c.code, c] as const),
  );
  const issues: FieldIssue[] = [...more];
  const out = lines.map((l, i): ExpenseClaimLine => {
    const c = categories.get(l.category);
    if (!c) issues.push({ path: [...at, i, 'category'], message: `费用类别不存在：${l.category}` });
    else if (!c.active)
      issues.push({ path: [...at, i, 'category'], message: `费用类别已停用：${l.category}` });
    else if (c.receiptRequired && !l.receipts?.length)
      issues.push({ path: [...at, i, 'receipts'], message: `${c.name}需要上传票据` });
    return {
      ...l,
      line: i + 1,
      ...(c ? { categoryName: c.name } : {}),
      money: fenMoney(lineAmountFen(l.amount, '1')),
    };
  });
  if (issues.length) throw invalidRequest(issues);
  return out;
}

const totalOf = (lines: readonly ExpenseClaimLine[]) =>
  fenMoney(lines.reduce((sum, l) => sum + l.money.amount, 0));

async function load(deps: Deps, s: Session, no: string): Promise<ExpenseClaim> {
  const claim = await claimRepo(deps, s.tenant).get(no);
  // Another employee's claim is not theirs to see: 403, whether or not it exists is told only
  // to readers of all claims.
  if (!claim) throw notFound('expenseClaim', no);
  // The approvers of its approval read it too (and its receipts: usecases/attachments).
  if (
    claim.claimant !== s.user &&
    !readsAll(s) &&
    !(claim.approvalId && (await isApprovalInvolved(deps, s, claim.approvalId)))
  ) {
    throw new AppError('auth.forbidden', '只能查看自己的报销单', { no });
  }
  return claim;
}

/** The claimant's own claim, at the version they expect. */
async function loadOwn(
  deps: Deps,
  s: Session,
  no: string,
  expected: number | undefined,
): Promise<ExpenseClaim> {
  const claim = await load(deps, s, no);
  if (claim.claimant !== s.user) {
    throw new AppError('auth.forbidden', '只能修改或提交自己的报销单', { no });
  }
  if (expected !== undefined && claim.version !== expected)
    throw versionConflict('expenseClaim', no, expected);
  return claim;
}

export async function createExpenseClaim(
  deps: Deps,
  s: Session,
  input: ExpenseClaimCreate,
  hooks: CommitHooks<ExpenseClaim> = {},
): Promise<ExpenseClaim> {
  const receipts = await checkedReceipts(deps, s, input.lines, ['body', 'lines']);
  const lines = await checkedLines(deps, s.tenant, input.lines, ['body', 'lines'], receipts.issues);
  const now = deps.clock.now();
  const no = await nextDocumentNumber(deps, s.tenant, 'EC', shanghaiDate(now));
  const at = now.toISOString();
  const claim: ExpenseClaim = {
    no,
    claimant: s.user,
    ...(s.name ? { claimantName: s.name } : {}),
    ...(input.title ? { title: input.title } : {}),
    status: 'draft',
    lines,
    total: totalOf(lines),
    version: 1,
    createdAt: at,
    updatedAt: at,
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, claim, [
      claimRepo(deps, s.tenant).put(claim, undefined),
      ...attachmentRefItems(deps, s.tenant, receipts.attachments, { kind: 'expenseClaim', no }),
    ]),
  );
  return claim;
}

/** Edits a draft (or a rejected claim, which becomes a draft again). */
export async function updateExpenseClaim(
  deps: Deps,
  s: Session,
  no: string,
  input: ExpenseClaimUpdate,
  hooks: CommitHooks<ExpenseClaim> = {},
): Promise<ExpenseClaim> {
  const claim = await loadOwn(deps, s, no, input.expectedVersion);
  if (claim.status !== 'draft' && claim.status !== 'rejected')
    throw invalidState(no, claim.status, '修改');
  const receipts = input.lines
    ? await checkedReceipts(deps, s, input.lines, ['body', 'lines'])
    : { issues: [], attachments: [] };
  const lines = input.lines
    ? await checkedLines(deps, s.tenant, input.lines, ['body', 'lines'], receipts.issues)
    : claim.lines;
  const { decidedAt: _d, approvalId: _a, ...rest } = claim;
  const next: ExpenseClaim = {
    ...rest,
    ...(input.title ? { title: input.title } : {}),
    status: 'draft',
    lines,
    total: totalOf(lines),
    version: claim.version + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, next, [
      claimRepo(deps, s.tenant).put(next, claim.version),
      ...attachmentRefItems(deps, s.tenant, receipts.attachments, { kind: 'expenseClaim', no }),
    ]),
  );
  return next;
}

function cardFields(claim: ExpenseClaim) {
  return [
    { key: '单号', value: claim.no },
    { key: '报销人', value: claim.claimantName ?? claim.claimant },
    { key: '金额', value: formatMoney(claim.total) },
    { key: '行数', value: String(claim.lines.length) },
    ...(claim.title ? [{ key: '事由', value: claim.title }] : []),
  ];
}

/**
 * Submits a draft or rejected claim: its lines checked again against today's categories, then
 * the approval rules decide by the claim total. No step applies: approved at once (and its
 * lines land in their pools in the same transaction). Otherwise pending with an approval.
 */
export async function submitExpenseClaim(
  deps: Deps,
  s: Session,
  no: string,
  input: ExpenseClaimSubmit,
  hooks: CommitHooks<ExpenseClaim> = {},
): Promise<ExpenseClaim> {
  const claim = await loadOwn(deps, s, no, input.expectedVersion);
  if (claim.status !== 'draft' && claim.status !== 'rejected')
    throw invalidState(no, claim.status, '提交');
  const lines = await checkedLines(deps, s.tenant, claim.lines, ['lines']);
  const at = deps.clock.now().toISOString();
  const { decidedAt: _d, approvalId: _a, ...rest } = claim;
  const checked: ExpenseClaim = {
    ...rest,
    lines,
    total: totalOf(lines),
    version: claim.version + 1,
    updatedAt: at,
    updatedBy: s.user,
    submittedAt: at,
  };
  const subject = {
    docType: 'expenseClaim' as const,
    docNo: no,
    fields: cardFields(checked),
    amount: checked.total,
  };
  const repo = claimRepo(deps, s.tenant);
  const steps = await stepsFor(deps, s.tenant, subject);
  if (steps.length === 0) {
    const landed = await landing(deps, s, { ...checked, status: 'approved', decidedAt: at });
    await deps.unitOfWork.commit(
      completing(hooks, landed.claim, [repo.put(landed.claim, claim.version), ...landed.items]),
    );
    return landed.claim;
  }
  const { approval, items } = await prepareApproval(deps, s, subject, steps);
  const pending: ExpenseClaim = { ...checked, status: 'pending', approvalId: approval.id };
  await deps.unitOfWork.commit(
    completing(hooks, pending, [repo.put(pending, claim.version), ...items]),
  );
  return pending;
}

/** Finance marks an approved claim paid, with the day the money went out. */
export async function payExpenseClaim(
  deps: Deps,
  s: Session,
  no: string,
  input: ExpenseClaimPay,
  hooks: CommitHooks<ExpenseClaim> = {},
): Promise<ExpenseClaim> {
  const claim = await load(deps, s, no);
  if (input.expectedVersion !== undefined && claim.version !== input.expectedVersion)
    throw versionConflict('expenseClaim', no, input.expectedVersion);
  if (claim.status !== 'approved') throw invalidState(no, claim.status, '付款');
  const paid: ExpenseClaim = {
    ...claim,
    status: 'paid',
    paidOn: input.paidOn,
    paidBy: s.user,
    ...(input.note ? { paidNote: input.note } : {}),
    version: claim.version + 1,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: s.user,
  };
  await deps.unitOfWork.commit(
    completing(hooks, paid, [claimRepo(deps, s.tenant).put(paid, claim.version)]),
  );
  return paid;
}

export async function getExpenseClaim(deps: Deps, s: Session, no: string): Promise<ExpenseClaim> {
  return load(deps, s, no);
}

/** Claims, newest first: one's own, or (finance, managers) everyone's or one claimant's. */
export async function listExpenseClaims(
  deps: Deps,
  s: Session,
  query: ExpenseClaimListQuery,
): Promise<ExpenseClaim[]> {
  if (query.claimant !== undefined && query.claimant !== s.user && !readsAll(s)) {
    throw new AppError('auth.forbidden', '只能查看自己的报销单', { claimant: query.claimant });
  }
  const claimant = readsAll(s) ? query.claimant : s.user;
  const all = await claimRepo(deps, s.tenant).claims();
  const text = query.q?.toLowerCase();
  const lineMatches = linesMatching(query);
  return all
    .filter((c) => claimant === undefined || c.claimant === claimant)
    .filter((c) => query.status === undefined || c.status === query.status)
    .filter((c) => c.lines.some(lineMatches))
    .filter((c) => text === undefined || claimText(c).includes(text))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** The line filters of a query: dated in [from, to], of the category. */
export function linesMatching(
  query: Pick<ExpenseClaimListQuery, 'from' | 'to' | 'category'>,
): (l: ExpenseClaimLine) => boolean {
  return (l) =>
    (query.from === undefined || l.date >= query.from) &&
    (query.to === undefined || l.date <= query.to) &&
    (query.category === undefined || l.category === query.category);
}

/** What `q` searches, lower-cased: number, claimant, title, the lines' notes. */
function claimText(c: ExpenseClaim): string {
  return [c.no, c.claimant, c.title ?? '', ...c.lines.map((l) => l.note ?? '')]
    .join('\n')
    .toLowerCase();
}
