import { canMerge, remainingQty, taskStateLabel, toggleMerge } from './taskOrders';

describe('task orders', () => {
  it('left to receive is exact and never below zero', () => {
    expect(remainingQty({ qty: '600', received: '0' })).toBe('600');
    expect(remainingQty({ qty: '0.3', received: '0.1' })).toBe('0.2');
    expect(remainingQty({ qty: '1.005', received: '0.005' })).toBe('1');
    expect(remainingQty({ qty: '12345678901234567.5', received: '0.25' })).toBe(
      '12345678901234567.25',
    );
    expect(remainingQty({ qty: '500', received: '520' })).toBe('0');
    expect(remainingQty({ qty: '5', received: '5.000' })).toBe('0');
  });

  it('labels states in zh-CN', () => {
    expect(taskStateLabel('inProgress')).toBe('生产中');
    expect(taskStateLabel('unknown')).toBe('unknown');
  });

  it('chooses released and in-progress orders for merged picking, at most 50', () => {
    expect(['planned', 'released', 'inProgress', 'completed'].filter(canMerge)).toEqual([
      'released',
      'inProgress',
    ]);
    expect(toggleMerge(['A'], 'B')).toEqual(['A', 'B']);
    expect(toggleMerge(['A', 'B'], 'A')).toEqual(['B']);
    const fifty = Array.from({ length: 50 }, (_, i) => `MO-${i}`);
    expect(toggleMerge(fifty, 'MO-X')).toHaveLength(50);
  });
});
