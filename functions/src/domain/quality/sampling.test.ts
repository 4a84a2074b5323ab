import { sampleSize } from './sampling.js';

describe('sampleSize', () => {
  test('full inspects the whole lot', () => {
    expect(sampleSize({ rule: 'full' }, '120.50', 2)).toBe('120.5');
  });

  test('a fixed count, never more than the lot', () => {
    expect(sampleSize({ rule: 'fixed', count: '5' }, '200', 0)).toBe('5');
    expect(sampleSize({ rule: 'fixed', count: '5' }, '3', 0)).toBe('3');
    // 2.5 pieces of a whole-piece item: 3.
    expect(sampleSize({ rule: 'fixed', count: '2.5' }, '100', 0)).toBe('3');
  });

  test('a percentage rounded up to the item precision, exactly', () => {
    // 10% of 123 = 12.3 -> 13 pieces.
    expect(sampleSize({ rule: 'percentage', percent: '10' }, '123', 0)).toBe('13');
    // 12.5% of 0.7 kg = 0.0875 -> 0.088 kg at 3 decimals.
    expect(sampleSize({ rule: 'percentage', percent: '12.5' }, '0.7', 3)).toBe('0.088');
    // 0.1% of 1 piece = 0.001 -> at least one piece.
    expect(sampleSize({ rule: 'percentage', percent: '0.1' }, '1', 0)).toBe('1');
    expect(sampleSize({ rule: 'percentage', percent: '100' }, '7.25', 2)).toBe('7.25');
  });

  test('a table takes the row of the largest lot start not above the lot', () => {
    const rule = {
      rule: 'table' as const,
      rows: [
        { fromLot: '0', sample: '2' },
        { fromLot: '51', sample: '8' },
        { fromLot: '501', sample: '32' },
      ],
    };
    expect(sampleSize(rule, '1', 0)).toBe('1');
    expect(sampleSize(rule, '50', 0)).toBe('2');
    expect(sampleSize(rule, '51', 0)).toBe('8');
    expect(sampleSize(rule, '500.5', 1)).toBe('8');
    expect(sampleSize(rule, '10000', 0)).toBe('32');
  });

  test('an empty lot needs no sample', () => {
    expect(sampleSize({ rule: 'full' }, '0', 0)).toBe('0');
    expect(sampleSize({ rule: 'fixed', count: '5' }, '0', 0)).toBe('0');
  });
});
