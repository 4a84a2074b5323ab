import {
  AMOUNT_MESSAGES,
  amountProblem,
  claimActions,
  claimTotalFen,
  claimantsOf,
  landingLabel,
  normalizeAmount,
  readsAllClaims,
} from './claims';

describe('a claim amount as typed', () => {
  test('yuan with at most two decimals, above 0, at most ¥1,000,000.00', () => {
    expect(amountProblem('128.50')).toBeUndefined();
    expect(amountProblem('1000000')).toBeUndefined();
    expect(amountProblem('12.345')).toBe(AMOUNT_MESSAGES.decimals);
    expect(amountProblem('0')).toBe(AMOUNT_MESSAGES.zero);
    expect(amountProblem('0.00')).toBe(AMOUNT_MESSAGES.zero);
    expect(amountProblem('1000000.01')).toBe(AMOUNT_MESSAGES.max);
    expect(amountProblem('12a')).toBe(AMOUNT_MESSAGES.format);
    expect(amountProblem('-5')).toBe(AMOUNT_MESSAGES.format);
  });

  test('empty is wrong only when the claim is sent', () => {
    expect(amountProblem('  ')).toBeUndefined();
    expect(amountProblem('', true)).toBe(AMOUNT_MESSAGES.required);
  });

  test('normalised to two decimals for the API; the total counts only right amounts', () => {
    expect(normalizeAmount('128.5')).toBe('128.50');
    expect(normalizeAmount('0128')).toBe('128.00');
    expect(normalizeAmount('0.05')).toBe('0.05');
    expect(normalizeAmount('1.234')).toBe('1.234');
    expect(claimTotalFen(['128.50', '0.1', '', '3.333', '0'])).toBe(12860);
  });
});

describe('who does what with a claim', () => {
  test('the claimant edits and submits a draft or rejected claim; finance pays an approved one', () => {
    expect(claimActions({ status: 'draft', claimant: 'a' }, 'a', ['worker'])).toEqual({
      edit: true,
      submit: true,
      pay: false,
    });
    expect(claimActions({ status: 'rejected', claimant: 'a' }, 'b', ['cost']).edit).toBe(false);
    expect(claimActions({ status: 'pending', claimant: 'a' }, 'a', ['worker']).submit).toBe(false);
    expect(claimActions({ status: 'approved', claimant: 'a' }, 'b', ['cost']).pay).toBe(true);
    expect(claimActions({ status: 'approved', claimant: 'a' }, 'b', ['manager']).pay).toBe(false);
    expect(claimActions({ status: 'paid', claimant: 'a' }, 'b', ['cost']).pay).toBe(false);
  });

  test("finance, managers and admins read everyone's claims", () => {
    expect(readsAllClaims(['cost'])).toBe(true);
    expect(readsAllClaims(['manager'])).toBe(true);
    expect(readsAllClaims(['worker', 'sales'])).toBe(false);
  });
});

test('where a line landed, by pool name and period, or a period expense', () => {
  const names = new Map([['overhead', '制造费用']]);
  expect(landingLabel({ pool: 'overhead', period: '2026-11', entry: 'e1' }, names)).toBe(
    '制造费用 · 2026-11',
  );
  expect(landingLabel({ pool: 'power', period: '2026-12', entry: 'e2' }, names)).toBe(
    'power · 2026-12',
  );
  expect(landingLabel({ periodExpense: true }, names)).toContain('期间费用');
  expect(landingLabel(undefined, names)).toBeUndefined();
});

test('the claimants of a list, once each, by name', () => {
  expect(
    claimantsOf([
      { claimant: 'a' },
      { claimant: 'b', claimantName: '李娜' },
      { claimant: 'a', claimantName: '张伟' },
    ]),
  ).toEqual([
    { user: 'a', name: '张伟' },
    { user: 'b', name: '李娜' },
  ]);
});
