import { orderActions, rejectReasonProblem } from './approvals';

test('a rejection needs a reason that is more than spaces', () => {
  expect(rejectReasonProblem(undefined)).toBe('请填写驳回原因');
  expect(rejectReasonProblem('')).toBe('请填写驳回原因');
  expect(rejectReasonProblem('  \n ')).toBe('请填写驳回原因');
  expect(rejectReasonProblem(' 价格偏低 ')).toBeUndefined();
});

test('a draft or a rejected order is edited and submitted; draft, pending and rejected are cancelled', () => {
  expect(orderActions('draft')).toEqual({ edit: true, submit: true, cancel: true });
  expect(orderActions('rejected')).toEqual({ edit: true, submit: true, cancel: true });
  expect(orderActions('pending')).toEqual({ edit: false, submit: false, cancel: true });
  for (const s of ['confirmed', 'cancelled'])
    expect(orderActions(s)).toEqual({ edit: false, submit: false, cancel: false });
});
