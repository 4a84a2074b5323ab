import { aNeed, aTaskOrder } from './builders.js';
import { applyAllocations, kitLimits, planMerged, planReturn, planStandardIssue } from './pick.js';
import { type ReworkFacts, type ReworkInput, checkRework, reworkNeeds } from './rework.js';

const aRework = (overrides: Partial<ReworkInput> = {}): ReworkInput => ({
  item: 'FAN',
  qty: '3',
  warehouse: 'QC',
  lines: [],
  ...overrides,
});

const facts = (overrides: Partial<ReworkFacts> = {}): ReworkFacts => ({
  item: (code) =>
    ({
      FAN: {
        source: 'manufactured' as const,
        precision: 0,
        active: true,
        strategy: 'mts' as const,
      },
      GLUE: { source: 'purchased' as const, precision: 2, active: true, strategy: 'mts' as const },
      OLD: { source: 'purchased' as const, precision: 0, active: false, strategy: 'mts' as const },
      PH: { source: 'phantom' as const, precision: 0, active: true, strategy: 'mts' as const },
      MTO: { source: 'purchased' as const, precision: 0, active: true, strategy: 'mto' as const },
    })[code],
  warehouse: (code) => (code === 'QC' || code === 'RM' ? { active: true } : undefined),
  orderItem: (no) => (no === 'MO1' ? 'FAN' : no === 'MO2' ? 'GRILL' : undefined),
  ...overrides,
});

describe('rework orders', () => {
  it('needs the product from rejected stock and the repair components from available stock', () => {
    const needs = reworkNeeds(
      aRework({
        lines: [
          { item: 'GLUE', qty: '1.5', warehouse: 'RM' },
          { item: 'MTO', qty: '1', warehouse: 'RM' },
        ],
      }),
      () => 'mts',
    );
    expect(needs).toEqual([
      aNeed({ item: 'FAN', qtyPer: '1', required: '3', warehouse: 'QC', status: 'rejected' }),
      aNeed({ item: 'GLUE', qtyPer: '0.5', required: '1.5', warehouse: 'RM' }),
      expect.objectContaining({ item: 'MTO', required: '1' }),
    ]);
  });

  it('draws MTO items of a tracked rework from that tracking number', () => {
    const needs = reworkNeeds(
      aRework({ trackingNo: 'SO9', lines: [{ item: 'MTO', qty: '1', warehouse: 'RM' }] }),
      (item) => (item === 'MTO' || item === 'FAN' ? 'mto' : 'mts'),
    );
    expect(needs.map((n) => [n.item, n.status, n.trackingNo])).toEqual([
      ['FAN', 'rejected', 'SO9'],
      ['MTO', undefined, 'SO9'],
    ]);
  });

  it('a standard issue takes the product from rejected stock; a return gives it back there', () => {
    let order = aTaskOrder({
      qty: '3',
      needs: reworkNeeds(
        aRework({ lines: [{ item: 'GLUE', qty: '1.5', warehouse: 'RM' }] }),
        () => 'mts',
      ),
    });
    const all = planStandardIssue(order, undefined);
    expect(all.ok && all.value).toEqual([
      expect.objectContaining({ item: 'FAN', warehouse: 'QC', qty: '3', status: 'rejected' }),
      expect.objectContaining({ item: 'GLUE', qty: '1.5', status: 'available', trackingNo: '' }),
    ]);
    order = { ...order, needs: applyAllocations(order.needs, all.ok ? all.value : []) };
    const back = planReturn(order, [{ item: 'FAN', qty: '1' }]);
    expect(back.ok && back.value).toEqual([
      expect.objectContaining({ item: 'FAN', qty: '-1', status: 'rejected' }),
    ]);
  });

  it('pick lists and kits keep rejected and tracked stock apart from the pool', () => {
    const order = aTaskOrder({
      needs: [
        aNeed({ item: 'FAN', qtyPer: '1', required: '10', status: 'rejected' }),
        aNeed({ item: 'FAN', qtyPer: '1', required: '10' }),
        aNeed({ item: 'FAN', qtyPer: '1', required: '10', trackingNo: 'SO1' }),
      ],
    });
    const { lines } = planMerged([order]);
    expect(lines.map((l) => [l.item, l.status, l.trackingNo, l.qty])).toEqual([
      ['FAN', undefined, undefined, '10'],
      ['FAN', undefined, 'SO1', '10'],
      ['FAN', 'rejected', undefined, '10'],
    ]);
    const stock: Record<string, string> = { available: '30', rejected: '2', SO1: '5' };
    const limits = kitLimits(
      order,
      0,
      (_item, _wh, src) => stock[src.trackingNo || src.status] ?? '0',
    );
    expect(limits.maxSets).toBe('2');
    expect(limits.components.map((c) => [c.status, c.trackingNo, c.sets])).toEqual([
      ['rejected', undefined, '2'],
      [undefined, undefined, '30'],
      [undefined, 'SO1', '5'],
    ]);
  });

  it('checks every field and names each bad one', () => {
    expect(checkRework(aRework({ sourceOrder: 'MO1' }), facts())).toEqual([]);
    const issues = checkRework(
      aRework({
        item: 'PH',
        warehouse: 'NOPE',
        sourceOrder: 'MO2',
        lines: [
          { item: 'GLUE', qty: '0.125', warehouse: 'RM' },
          { item: 'OLD', qty: '1', warehouse: 'X' },
          { item: 'NONE', qty: '1', warehouse: 'RM' },
        ],
      }),
      facts(),
    );
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'body.item',
      'body.warehouse',
      'body.sourceOrder',
      'body.lines.0.qty',
      'body.lines.1.item',
      'body.lines.1.warehouse',
      'body.lines.2.item',
    ]);
    expect(
      checkRework(aRework({ qty: '1.5', sourceOrder: 'MO404' }), facts()).map((i) =>
        i.path.join('.'),
      ),
    ).toEqual(['body.qty', 'body.sourceOrder']);
  });
});
