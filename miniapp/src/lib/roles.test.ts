import { tilesFor } from './roles';
import { statusLabel } from './status';

describe('home tiles by role', () => {
  const ids = (roles: Parameters<typeof tilesFor>[0]) => tilesFor(roles).map((t) => t.id);

  test('a sales rep enters orders, follows them, asks stock and the customer-supplied ledger', () => {
    expect(ids(['sales'])).toEqual([
      'order-new',
      'orders',
      'stock',
      'cs-stock',
      'claims',
      'office-forms',
    ]);
  });
  test('the manager approves and sees orders; the warehouse sees stock, task orders, picking, merged picking, delivery, purchase receipts', () => {
    expect(ids(['manager'])).toContain('approvals');
    expect(ids(['warehouse'])).toEqual([
      'stock',
      'task-orders',
      'pick',
      'merged-pick',
      'delivery',
      'purchase-receipt',
      'outsourcing',
      'cs-receipt',
      'cs-stock',
      'claims',
      'office-forms',
    ]);
  });
  test('a worker reports work on task orders; a supervisor also picks', () => {
    expect(ids(['worker'])).toEqual(['task-orders', 'work-report', 'claims', 'office-forms']);
    expect(ids(['supervisor'])).toEqual(
      expect.arrayContaining(['task-orders', 'pick', 'work-report', 'approvals']),
    );
    expect(tilesFor(['worker']).find((t) => t.id === 'work-report')?.params).toEqual({
      next: 'workReport',
    });
  });
});

describe('purchasing tiles', () => {
  const ids = (roles: Parameters<typeof tilesFor>[0]) => tilesFor(roles).map((t) => t.id);
  test('planners enter and follow purchase orders; the warehouse receives against them', () => {
    expect(ids(['planner'])).toEqual(expect.arrayContaining(['po-new', 'purchase-orders']));
    expect(ids(['warehouse'])).not.toContain('po-new');
    expect(tilesFor(['warehouse']).find((t) => t.id === 'purchase-receipt')?.params).toEqual({
      kind: 'purchase',
    });
    expect(ids(['sales'])).not.toContain('purchase-orders');
  });
});

test('a planner keeps the planning inputs (forecasts, calendar); sales and the shop floor do not', () => {
  expect(tilesFor(['planner']).map((t) => t.id)).toContain('planning');
  expect(tilesFor(['sales', 'worker', 'warehouse']).map((t) => t.id)).not.toContain('planning');
});

describe('order status labels', () => {
  test.each([
    ['draft', '草稿'],
    ['pending', '审批中'],
    ['confirmed', '已确认'],
    ['rejected', '已驳回'],
    ['cancelled', '已取消'],
    ['closed', '已关闭'],
  ])('%s is %s', (status, label) => expect(statusLabel(status)).toBe(label));
});

test('inspectors and the manager open their inspections; the manager and QC see the quality report', () => {
  const ids = (roles: Parameters<typeof tilesFor>[0]) => tilesFor(roles).map((t) => t.id);
  expect(ids(['qc'])).toEqual(['stock', 'inspections', 'quality-report', 'claims', 'office-forms']);
  expect(ids(['manager'])).toEqual(expect.arrayContaining(['inspections', 'quality-report']));
  expect(ids(['warehouse'])).not.toContain('inspections');
  expect(ids(['sales'])).not.toContain('quality-report');
});

test('the warehouse, planners, the manager and admin open the outsourcing orders; sales and workers do not', () => {
  for (const role of ['warehouse', 'planner', 'manager', 'admin'] as const)
    expect(tilesFor([role]).find((t) => t.id === 'outsourcing')?.page).toBe('osOrders');
  expect(tilesFor(['sales', 'worker', 'qc']).map((t) => t.id)).not.toContain('outsourcing');
});

test('customer-supplied material: the warehouse receives it, sales and managers read the ledger', () => {
  const ids = (roles: Parameters<typeof tilesFor>[0]) => tilesFor(roles).map((t) => t.id);
  expect(ids(['warehouse'])).toEqual(expect.arrayContaining(['cs-receipt', 'cs-stock']));
  expect(ids(['manager'])).toContain('cs-stock');
  expect(ids(['manager'])).not.toContain('cs-receipt');
  expect(ids(['sales'])).not.toContain('cs-receipt');
  expect(ids(['worker', 'qc'])).not.toContain('cs-stock');
});

describe('cost tile', () => {
  const ids = (roles: Parameters<typeof tilesFor>[0]) => tilesFor(roles).map((t) => t.id);
  test('the cost accountant, the manager and the admin open the cost report; nobody else', () => {
    for (const role of ['cost', 'manager', 'admin'] as const)
      expect(ids([role])).toContain('cost-report');
    for (const role of [
      'sales',
      'planner',
      'warehouse',
      'supervisor',
      'worker',
      'qc',
      'engineer',
    ] as const) {
      expect(ids([role])).not.toContain('cost-report');
    }
  });
});

test('everyone asks for leave, purchases and the like', () => {
  for (const role of ['worker', 'sales', 'cost', 'engineer'] as const)
    expect(tilesFor([role]).find((t) => t.id === 'office-forms')?.page).toBe('officeForms');
});

test('every employee claims expenses (费用报销)', () => {
  const everyone = [
    'sales',
    'planner',
    'warehouse',
    'supervisor',
    'worker',
    'qc',
    'cost',
    'manager',
    'admin',
    'engineer',
  ] as const;
  for (const role of everyone) expect(tilesFor([role]).map((t) => t.id)).toContain('claims');
});
