import {
  closeRefusal,
  costingRefusal,
  nextMonth,
  periodBounds,
  periodOfDate,
  previousMonth,
  reopenRefusal,
} from './periods.js';

describe('periods', () => {
  test('calendar months by default, across the year end and February', () => {
    expect(periodBounds('2026-11')).toEqual({
      id: '2026-11',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(periodBounds('2028-02').to).toBe('2028-02-29');
    expect([nextMonth('2026-12'), previousMonth('2027-01')]).toEqual(['2027-01', '2026-12']);
  });

  test('a tenant closing on the 25th: from the 26th of the month before', () => {
    expect(periodBounds('2026-12', 25)).toEqual({
      id: '2026-12',
      from: '2026-11-26',
      to: '2026-12-25',
    });
    expect(periodBounds('2027-01', 25).from).toBe('2026-12-26');
    expect([periodOfDate('2026-12-25', 25), periodOfDate('2026-12-26', 25)]).toEqual([
      '2026-12',
      '2027-01',
    ]);
  });

  test('a closing day past a short month’s end is its last day', () => {
    expect(periodBounds('2027-02', 30)).toEqual({
      id: '2027-02',
      from: '2027-01-31',
      to: '2027-02-28',
    });
    expect(periodBounds('2027-03', 30).from).toBe('2027-03-01');
    expect(periodOfDate('2027-03-31', 30)).toBe('2027-04');
  });
});

describe('costing, closing and reopening in order', () => {
  test('a period is costed again until closed; the next one only after the close', () => {
    expect(costingRefusal('2026-11', undefined)).toBeUndefined();
    expect(costingRefusal('2026-12', '2026-11')).toBeUndefined();
    expect(costingRefusal('2026-11', '2026-11')).toBe('期间 2026-11 已关账，不能重新核算');
    expect(costingRefusal('2027-01', '2026-11')).toBe('请先核算并关账期间 2026-12，再核算 2027-01');
  });

  test('closing needs the period costed and the one before closed', () => {
    expect(closeRefusal('2026-12', 'costed', '2026-11')).toBeUndefined();
    expect(closeRefusal('2026-12', 'open', '2026-11')).toBe('期间 2026-12 尚未核算，不能关账');
    expect(closeRefusal('2027-01', 'costed', '2026-11')).toBe('请先关账期间 2026-12');
    expect(closeRefusal('2026-10', 'costed', '2026-11')).toBe('期间 2026-10 已关账');
  });

  test('only the latest closed period reopens', () => {
    expect(reopenRefusal('2026-11', '2026-11')).toBeUndefined();
    expect(reopenRefusal('2026-10', '2026-11')).toBe('只能反关账最近关账的期间 2026-11');
    expect(reopenRefusal('2026-12', '2026-11')).toBe('期间 2026-12 未关账');
    expect(reopenRefusal('2026-12', undefined)).toBe('期间 2026-12 未关账');
  });
});
