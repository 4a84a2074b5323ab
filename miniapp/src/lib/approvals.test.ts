import {
  DOC_TYPE_LABELS,
  SHOWS_FIELDS,
  docTypeLabel,
  orderActions,
  rejectReasonProblem,
} from './approvals';

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

test('every approval document type has a Chinese label; a concession reads 让步接收 and shows its fields', () => {
  // The Record type makes the map cover every type of the engine.
  for (const [t, label] of Object.entries(DOC_TYPE_LABELS)) expect(docTypeLabel(t)).toBe(label);
  expect(docTypeLabel('concession')).toBe('让步接收');
  expect(SHOWS_FIELDS.has('concession')).toBe(true);
  expect(docTypeLabel('expenseClaim')).toBe('费用报销');
  expect(SHOWS_FIELDS.has('expenseClaim')).toBe(true);
  expect(docTypeLabel('somethingNew')).toBe('somethingNew');
});
