import {
  KEEP_MAX_ORDERS,
  keepLastInput,
  keepLastPlan,
  loadKey,
  takeLastInput,
  takeLastPlan,
  type LastPlan,
} from './lastPlan.js';

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

describe('the input a load step just wrote', () => {
  it('is given to the compute step of that load only: not another attempt’s, nor a run without one', () => {
    keepLastInput('wwa', loadKey('R1', 'L1')!, 'IN');
    expect(takeLastInput('wwa', loadKey('R1', 'L1'))).toBe('IN');
    expect(takeLastInput('wwa', loadKey('R1', 'L1'))).toBeUndefined();
    // An attempt that never finished kept L1; the load that finished was L2.
    keepLastInput('wwa', loadKey('R1', 'L1')!, 'IN');
    expect(takeLastInput('wwa', loadKey('R1', 'L2'))).toBeUndefined();
    keepLastInput('wwa', loadKey('R1', 'L1')!, 'IN');
    // A run loaded before load ids were recorded has none: read from the table.
    expect(loadKey('R1', undefined)).toBeUndefined();
    expect(takeLastInput('wwa', loadKey('R1', undefined))).toBeUndefined();
  });
});
