import type { ExpenseClaim, ExpenseClaimStatus, Role } from '@factory/shared';
import { parseDecimal } from './money';

/**
 * Expense claims (费用报销) on the phone: statuses as people read them, an amount checked as it
 * is typed (the API's rule: yuan, at most two decimals, above 0, at most ¥1,000,000.00 a line),
 * the live total, who may do what, and where an approved line landed.
 */
export const CLAIM_STATUS_LABELS: Record<ExpenseClaimStatus, string> = {
  draft: '草稿',
  pending: '审批中',
  approved: '已通过',
  rejected: '已驳回',
  paid: '已付款',
};

const TONES: Record<ExpenseClaimStatus, string> = {
  draft: 'draft',
  pending: 'pending',
  approved: 'confirmed',
  rejected: 'rejected',
  paid: 'confirmed',
};

/** The list's tabs, in the order a claim goes through them. */
export const CLAIM_TABS: readonly ExpenseClaimStatus[] = [
  'draft',
  'pending',
  'approved',
  'rejected',
  'paid',
];

export const claimStatusLabel = (s: string): string =>
  CLAIM_STATUS_LABELS[s as ExpenseClaimStatus] ?? s;
export const claimStatusTone = (s: string): string => TONES[s as ExpenseClaimStatus] ?? 'draft';

/** The largest amount of one line, in fen (¥1,000,000.00). */
const MAX_LINE_FEN = 100_000_000;

export const AMOUNT_MESSAGES = {
  required: '请填写金额',
  format: '金额请填数字，最多两位小数，如 128.50',
  decimals: '金额最多两位小数（到分）',
  zero: '金额必须大于 0',
  max: '单行金额最大 ¥1,000,000.00',
} as const;

/**
 * What is wrong with an amount as typed, in the claimant's words; undefined when it is fine.
 * Empty is only wrong when the claim is sent (`required`).
 */
export function amountProblem(text: string, required = false): string | undefined {
  const t = text.trim();
  if (!t) return required ? AMOUNT_MESSAGES.required : undefined;
  const d = parseDecimal(t);
  if (!d) return AMOUNT_MESSAGES.format;
  if (d.scale > 2) return AMOUNT_MESSAGES.decimals;
  const f = amountFen(t)!;
  if (f <= 0) return AMOUNT_MESSAGES.zero;
  if (f > MAX_LINE_FEN) return AMOUNT_MESSAGES.max;
  return undefined;
}

/** "128.5" -> 12850 fen; undefined for text that is not an amount of at most two decimals. */
export function amountFen(text: string): number | undefined {
  const d = parseDecimal(text);
  if (!d || d.scale > 2) return undefined;
  return d.amount * 10 ** (2 - d.scale);
}

/** The claim's total in fen: the lines whose amount is right (the others say why). */
export function claimTotalFen(amounts: readonly string[]): number {
  let sum = 0;
  for (const a of amounts) {
    if (amountProblem(a)) continue;
    sum += amountFen(a) ?? 0;
  }
  return sum;
}

/** An amount as the API wants it: "128.5" -> "128.50"; "0128" -> "128.00"; else as typed. */
export function normalizeAmount(text: string): string {
  const f = amountFen(text.trim());
  if (f === undefined) return text.trim();
  return `${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`;
}

/** Finance, managers and admins see everyone's claims (the API's rule). */
export const readsAllClaims = (roles: readonly Role[]): boolean =>
  roles.some((r) => r === 'cost' || r === 'manager' || r === 'admin');

/** What the person looking at a claim may do with it. */
export function claimActions(
  claim: Pick<ExpenseClaim, 'status' | 'claimant'>,
  user: string | undefined,
  roles: readonly Role[],
): { edit: boolean; submit: boolean; pay: boolean } {
  const own = claim.claimant === user;
  const open = claim.status === 'draft' || claim.status === 'rejected';
  return {
    edit: own && open,
    submit: own && open,
    pay: claim.status === 'approved' && roles.includes('cost'),
  };
}

/** Where an approved line landed: "制造费用 · 2026-11", or 期间费用 (never in a pool). */
export function landingLabel(
  landing: ExpenseClaim['lines'][number]['landing'],
  poolNames: ReadonlyMap<string, string>,
): string | undefined {
  if (!landing) return undefined;
  if ('periodExpense' in landing) return '期间费用（不进费用池）';
  return `${poolNames.get(landing.pool) ?? landing.pool} · ${landing.period}`;
}

/**
 * The claimants of a list of claims (for finance's filter): each once, by name where the
 * claim carries one, in the order first seen.
 */
export function claimantsOf(
  claims: readonly Pick<ExpenseClaim, 'claimant' | 'claimantName'>[],
): { user: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const c of claims) {
    if (!seen.has(c.claimant) || (c.claimantName && seen.get(c.claimant) === c.claimant))
      seen.set(c.claimant, c.claimantName ?? c.claimant);
  }
  return [...seen].map(([user, name]) => ({ user, name }));
}
