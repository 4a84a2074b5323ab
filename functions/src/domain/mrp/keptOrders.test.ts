import { dayNumber } from './calendar.js';
import { keptOrdersOf } from './keptOrders.js';
import { NetChangeMismatch } from './netChange.js';
import type { PlannedOrder } from './types.js';

const anOrder = (overrides: Partial<PlannedOrder> = {}): PlannedOrder => ({
  type: 'purchase',
  item: 'RM',
  qty: '2.5',
  releaseDate: '2027-01-04',
  dueDate: '2027-01-08',
  trackingNo: null,
  supplier: null,
  pegging: [],
  substitutes: [],
  late: false,
  ...overrides,
});

const days = (release: string, due: string) => ({
  release: dayNumber(release),
  due: dayNumber(due),
});

describe('keptOrdersOf', () => {
  const other = anOrder({ item: 'A' });
  const list = [
    other,
    anOrder({ dueDate: '2027-01-12', releaseDate: '2027-01-06', qty: '1' }),
    anOrder({ trackingNo: 'SO-2', dueDate: '2027-01-05', releaseDate: '2027-01-04' }),
    anOrder({ dueDate: '2027-01-08', releaseDate: '2027-01-04' }),
  ];

  it('parses an item’s orders in planning order: by tracking number, then by due day', () => {
    expect(keptOrdersOf('RM', list, 1, 4, 2)).toEqual([
      { q: 250, ...days('2027-01-04', '2027-01-08'), tracking: '', refText: 'PLAN:RM:2027-01-08' },
      { q: 100, ...days('2027-01-06', '2027-01-12'), tracking: '', refText: 'PLAN:RM:2027-01-12' },
      {
        q: 250,
        ...days('2027-01-04', '2027-01-05'),
        tracking: 'SO-2',
        refText: 'PLAN:RM:2027-01-05:SO-2',
      },
    ]);
  });

  it('parses the same order objects once, and again when they or the precision change', () => {
    const once = keptOrdersOf('RM', list, 1, 4, 2);
    expect(keptOrdersOf('RM', [...list], 1, 4, 2)).toBe(once);
    expect(keptOrdersOf('RM', list, 1, 4, 3)).not.toBe(once);
    expect(keptOrdersOf('RM', list, 1, 4, 3)[0]!.q).toBe(2500);
    // One order fewer, or another last order: parsed anew.
    expect(keptOrdersOf('RM', list, 1, 3, 2)).toHaveLength(2);
    const changed = [...list.slice(0, 3), anOrder({ qty: '7', dueDate: '2027-01-09' })];
    expect(keptOrdersOf('RM', changed, 1, 4, 2).map((o) => o.q)).toEqual([700, 100, 250]);
  });

  it('refuses an order that cannot come from a plan of this data', () => {
    const bad = (o: Partial<PlannedOrder>) => () => keptOrdersOf('RM', [anOrder(o)], 0, 1, 2);
    expect(bad({ qty: '0.125' })).toThrow(NetChangeMismatch);
    expect(bad({ dueDate: '2027-02-30' })).toThrow(NetChangeMismatch);
    expect(bad({ releaseDate: 'soon' })).toThrow(NetChangeMismatch);
  });
});
