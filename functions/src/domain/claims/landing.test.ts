import { earliestPeriodEnd, landLines } from './landing.js';

describe('landLines', () => {
  it('lands a line in the period of its date while open, else in the approval period', () => {
    const out = landLines(
      [
        { line: 1, date: '2026-05-20', pool: 'OH' },
        { line: 2, date: '2026-04-10', pool: 'LAB' },
        { line: 3, date: '2026-05-02' },
      ],
      '2026-05-28',
      undefined,
      '2026-04-30',
    );
    expect(out).toEqual([
      { line: 1, pool: 'OH', period: '2026-05', date: '2026-05-20' },
      { line: 2, pool: 'LAB', period: '2026-05', date: '2026-05-28' },
    ]);
    expect(earliestPeriodEnd(out, undefined)).toBe('2026-05-31');
  });

  it('follows the closing day', () => {
    const out = landLines(
      [{ line: 1, date: '2026-05-27', pool: 'OH' }],
      '2026-05-28',
      25,
      undefined,
    );
    expect(out[0]!.period).toBe('2026-06');
    expect(earliestPeriodEnd([], 25)).toBeUndefined();
  });
});
