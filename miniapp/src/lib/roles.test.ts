import { tilesFor } from './roles';
import { statusLabel } from './status';

describe('home tiles by role', () => {
  const ids = (roles: Parameters<typeof tilesFor>[0]) => tilesFor(roles).map((t) => t.id);

  test('a sales rep enters orders, follows them, asks stock', () => {
    expect(ids(['sales'])).toEqual(['order-new', 'orders', 'stock']);
  });
  test('the manager approves and sees orders; the warehouse sees stock, task orders, picking, merged picking', () => {
    expect(ids(['manager'])).toContain('approvals');
    expect(ids(['warehouse'])).toEqual([
      'stock',
      'task-orders',
      'pick',
      'merged-pick',
      'purchase-receipt',
    ]);
  });
  test('a worker reports work on task orders; a supervisor also picks', () => {
    expect(ids(['worker'])).toEqual(['task-orders', 'work-report']);
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

describe('order status labels', () => {
  test.each([
    ['draft', '草稿'],
    ['pending', '审批中'],
    ['confirmed', '已确认'],
    ['rejected', '已驳回'],
    ['cancelled', '已取消'],
  ])('%s is %s', (status, label) => expect(statusLabel(status)).toBe(label));
});
