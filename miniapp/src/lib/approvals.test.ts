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
  const rep = { user: 'zhangwei', roles: ['sales'] };
  const order = (status: string) => ({ status, origin: 'entry', createdBy: 'zhangwei' });
  expect(orderActions(order('draft'), rep)).toEqual({ edit: true, submit: true, cancel: true });
  expect(orderActions(order('rejected'), rep)).toEqual({ edit: true, submit: true, cancel: true });
  expect(orderActions(order('pending'), rep)).toEqual({ edit: false, submit: false, cancel: true });
  for (const s of ['confirmed', 'cancelled'])
    expect(orderActions(order(s), rep)).toEqual({ edit: false, submit: false, cancel: false });
});

test("only the order's rep or an admin is offered its actions; an imported order offers none", () => {
  const none = { edit: false, submit: false, cancel: false };
  const pending = { status: 'pending', origin: 'entry', createdBy: 'zhangwei' };
  // The approver (a manager) decides in 审批; 取消订单 is not theirs to press.
  expect(orderActions(pending, { user: 'zhoujun', roles: ['manager'] })).toEqual(none);
  expect(orderActions(pending, { user: 'lina', roles: ['sales'] })).toEqual(none);
  expect(orderActions(pending, { user: 'admin', roles: ['admin'] }).cancel).toBe(true);
  const imported = { status: 'draft', origin: 'import', createdBy: 'zhangwei' };
  expect(orderActions(imported, { user: 'zhangwei', roles: ['sales'] })).toEqual(none);
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
