import type {
  ApprovalDocType,
  ApprovalRule,
  ApprovalRuleSet,
  ApprovalRuleStep,
} from '@factory/shared';

/** ¥50,000.00 in fen: sales orders above it need a manager. */
export const SALES_ORDER_MANAGER_THRESHOLD_FEN = 5_000_000;

/** ¥50,000.00 in fen: purchase orders above it (including VAT) need a manager. */
export const PURCHASE_ORDER_MANAGER_THRESHOLD_FEN = 5_000_000;

/** The rules a tenant has until an admin replaces them. */
export function defaultApprovalRules(): ApprovalRuleSet {
  return {
    salesOrder: {
      steps: [
        {
          name: '经理审批',
          amountAbove: SALES_ORDER_MANAGER_THRESHOLD_FEN,
          roles: ['manager'],
          users: [],
        },
      ],
    },
    ecn: { steps: [{ name: '工程变更审批', roles: ['manager', 'engineer'], users: [] }] },
    supplementaryIssue: {
      steps: [{ name: '补料审批', roles: ['supervisor', 'manager'], users: [] }],
    },
    purchaseOrder: {
      steps: [
        {
          name: '经理审批',
          amountAbove: PURCHASE_ORDER_MANAGER_THRESHOLD_FEN,
          roles: ['manager'],
          users: [],
        },
      ],
    },
    // DOMAIN.md "Quality": conceded goods become available only after an approval; the
    // factory's quality manager is its manager unless the tenant names someone.
    concession: { steps: [{ name: '质量经理审批', roles: ['manager'], users: [] }] },
    // Expense claims (issue 16): finance checks every claim, a manager also decides one above
    // ¥5,000 (the tenant changes both in its rules).
    expenseClaim: {
      steps: [
        { name: '财务审核', roles: ['cost'], users: [] },
        { name: '经理审批', roles: ['manager'], users: [], amountAbove: 500000 },
      ],
    },
    // Generic form requests (issue 16): a manager decides, unless the tenant's rules name the
    // form (`forms.<code>`) or change this default.
    formRequest: { steps: [{ name: '经理审批', roles: ['manager'], users: [] }] },
  };
}

/** What a rule looks at in a document. Documents without an amount (ECN) give none. */
export type RuleSubject = { docType: ApprovalDocType; amountFen?: number };

/**
 * A step applies when it has no condition, or when the document has an amount strictly above
 * the step's threshold. A step with a threshold never applies to a document without an amount.
 */
export function stepApplies(step: ApprovalRuleStep, subject: RuleSubject): boolean {
  if (step.amountAbove === undefined) return true;
  return subject.amountFen !== undefined && subject.amountFen > step.amountAbove;
}

/** The steps a document needs, in rule order; none means no approval is needed. */
export function stepsNeeded(rule: ApprovalRule, subject: RuleSubject): ApprovalRuleStep[] {
  return rule.steps.filter((s) => stepApplies(s, subject));
}

export function ruleFor(rules: ApprovalRuleSet, docType: ApprovalDocType): ApprovalRule {
  return rules[docType] ?? defaultApprovalRules()[docType]!;
}

/** A request on form `code`: the form's own rule, else the rule of every form request. */
export function ruleForForm(rules: ApprovalRuleSet, code: string): ApprovalRule {
  return rules.forms?.[code] ?? ruleFor(rules, 'formRequest');
}
