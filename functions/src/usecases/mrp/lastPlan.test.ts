import { KEEP_MAX_ORDERS, keepLastPlan, takeLastPlan, type LastPlan } from './lastPlan.js';

const plan = (over: Partial<LastPlan<{ item: string }, string>> = {}) => ({
  tenant: 'wwa',
  runId: 'R1',
  runDate: '2026-12-07',
  plannedOrders: [{ item: 'A' }],
  exceptions: [],
  input: 'IN',
  ...over,
});

describe('the plan a process computed last', () => {
  it('is given to the net run based on it, once', () => {
    const p = plan();
    keepLastPlan(p);
    expect(takeLastPlan('wwa', 'R1')).toBe(p);
    expect(takeLastPlan('wwa', 'R1')).toBeUndefined();
  });

  it('is never another tenant’s or another run’s, and is let go when asked for another', () => {
    keepLastPlan(plan());
    expect(takeLastPlan('wwb', 'R1')).toBeUndefined();
    // The wrong question let it go: the right one no longer finds it.
    expect(takeLastPlan('wwa', 'R1')).toBeUndefined();
    keepLastPlan(plan());
    expect(takeLastPlan('wwa', 'R2')).toBeUndefined();
    keepLastPlan(plan());
    expect(takeLastPlan('wwa', undefined)).toBeUndefined();
    expect(takeLastPlan('wwa', 'R1')).toBeUndefined();
  });

  it('a newer plan replaces it; one past the size limit is not kept', () => {
    keepLastPlan(plan());
    keepLastPlan(plan({ runId: 'R2' }));
    expect(takeLastPlan('wwa', 'R1')).toBeUndefined();
    keepLastPlan(plan({ runId: 'R2' }));
    keepLastPlan(
      plan({
        runId: 'R3',
        plannedOrders: Array.from({ length: KEEP_MAX_ORDERS + 1 }, () => ({ item: 'A' })),
      }),
    );
    expect(takeLastPlan('wwa', 'R3')).toBeUndefined();
  });
});
