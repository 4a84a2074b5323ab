import { aStep } from './builders.js';
import {
  defaultApprovalRules,
  ruleForForm,
  SALES_ORDER_MANAGER_THRESHOLD_FEN,
  stepApplies,
  stepsNeeded,
} from './rules.js';

describe('rule evaluation', () => {
  const so = (amountFen?: number) => ({
    docType: 'salesOrder' as const,
    ...(amountFen === undefined ? {} : { amountFen }),
  });

  it('by default a sales order above ¥50,000.00 needs a manager, at or below it nothing', () => {
    const rule = defaultApprovalRules().salesOrder;
    expect(SALES_ORDER_MANAGER_THRESHOLD_FEN).toBe(5_000_000);
    expect(stepsNeeded(rule, so(5_000_000))).toEqual([]);
    expect(stepsNeeded(rule, so(4_999_999))).toEqual([]);
    expect(stepsNeeded(rule, so(5_000_001))).toEqual([
      { name: '经理审批', amountAbove: 5_000_000, roles: ['manager'], users: [] },
    ]);
  });

  it('by default an ECN needs one step that a manager or an engineer decides', () => {
    expect(stepsNeeded(defaultApprovalRules().ecn, { docType: 'ecn' })).toEqual([
      { name: '工程变更审批', roles: ['manager', 'engineer'], users: [] },
    ]);
  });

  it('multi-step: each step is kept or dropped by its own threshold, order preserved', () => {
    const rule = {
      steps: [
        aStep({ name: '主管', amountAbove: 100_000, roles: ['supervisor'] }),
        aStep({ name: '全部', roles: ['sales'] }),
        aStep({ name: '经理', amountAbove: 5_000_000 }),
        aStep({ name: '老板', amountAbove: 50_000_000, roles: [], users: ['boss'] }),
      ],
    };
    const names = (fen: number) => stepsNeeded(rule, so(fen)).map((s) => s.name);
    expect(names(100_000)).toEqual(['全部']);
    expect(names(100_001)).toEqual(['主管', '全部']);
    expect(names(5_000_001)).toEqual(['主管', '全部', '经理']);
    expect(names(50_000_001)).toEqual(['主管', '全部', '经理', '老板']);
  });

  it('a step with a threshold never applies to a document without an amount', () => {
    expect(stepApplies(aStep({ amountAbove: 0 }), so())).toBe(false);
    expect(stepApplies(aStep({ amountAbove: 0 }), so(1))).toBe(true);
    expect(stepApplies(aStep(), so())).toBe(true);
  });

  it('no steps: no approval needed', () => {
    expect(stepsNeeded({ steps: [] }, so(99_999_999))).toEqual([]);
  });

  it("a form request follows its form's rule, else the rule of every form request", () => {
    const own = { steps: [aStep({ name: '计划审核', roles: ['planner'] })] };
    const rules = { ...defaultApprovalRules(), forms: { PURCHASE: own } };
    expect(ruleForForm(rules, 'PURCHASE')).toBe(own);
    expect(ruleForForm(rules, 'LEAVE')).toEqual({
      steps: [{ name: '经理审批', roles: ['manager'], users: [] }],
    });
    const { formRequest: _f, ...older } = defaultApprovalRules();
    expect(ruleForForm(older, 'LEAVE').steps.map((s) => s.roles)).toEqual([['manager']]);
  });
});
