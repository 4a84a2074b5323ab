import {
  bucketAxis,
  bucketLabel,
  bucketShort,
  countAxisMax,
  countText,
  ratioToPercentNumber,
} from './dashboard';

describe('dashboard texts', () => {
  it('labels ISO weeks and months', () => {
    const week = { key: '2026-W49', from: '2026-11-30', to: '2026-12-06' };
    expect(bucketShort(week)).toBe('第49周');
    expect(bucketLabel(week)).toBe('第49周（11/30–12/6）');
    expect(bucketAxis(week)).toBe('W49');
    const month = { key: '2026-11', from: '2026-11-01', to: '2026-11-30' };
    expect(bucketShort(month)).toBe('11月');
    expect(bucketLabel(month)).toBe('2026年11月');
  });
  it('draws rates as percentages and counts with their unit', () => {
    expect(ratioToPercentNumber('0.94')).toBeCloseTo(94);
    expect(ratioToPercentNumber(null)).toBe(0);
    expect(countText(3)).toBe('3 单');
    expect([countAxisMax([0, 1]), countAxisMax([4, 6]), countAxisMax([])]).toEqual([5, 10, 5]);
  });
});
