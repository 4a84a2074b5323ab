import { expectedCompletion, issuedPercent } from './progress.js';

const need = (issued: string, required: string | undefined, manual = true) => ({
  issueMethod: manual ? ('manual' as const) : ('backflush' as const),
  issued,
  ...(required !== undefined ? { required } : {}),
});

describe('issued share of a task order', () => {
  it('is the least-issued manual component, rounded down', () => {
    expect(issuedPercent([need('2', '5'), need('10', '10')])).toBe(40);
    expect(issuedPercent([need('1', '3')])).toBe(33);
    expect(issuedPercent([need('0.999', '1')])).toBe(99);
    // Over-issued counts as complete; backflushed needs do not count.
    expect(issuedPercent([need('12', '10'), need('0', '8', false)])).toBe(100);
  });

  it('is 100 with nothing to issue by hand, unknown without needs', () => {
    expect(issuedPercent([])).toBe(100);
    expect(issuedPercent([need('0', '0'), need('0', undefined)])).toBe(100);
    expect(issuedPercent(undefined)).toBeUndefined();
  });
});

describe('expected completion', () => {
  it('is the latest due date of what is still under way', () => {
    expect(
      expectedCompletion(
        [
          { status: 'inProgress', dueDate: '2026-12-08' },
          { status: 'completed', dueDate: '2026-12-30' },
        ],
        [
          { closed: false, received: '0', qty: '3', dueDate: '2026-12-10' },
          { closed: false, received: '3', qty: '3', dueDate: '2026-12-31' },
          { closed: true, received: '0', qty: '3', dueDate: '2027-01-05' },
        ],
      ),
    ).toBe('2026-12-10');
    expect(expectedCompletion([{ status: 'closed', dueDate: '2026-12-08' }], [])).toBeUndefined();
  });
});
