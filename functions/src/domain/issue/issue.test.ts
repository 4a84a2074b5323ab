import { AppError } from '@factory/shared';
import { aContext, aLine, aNeed, aTaskOrder } from './builders.js';
import { computeNeeds, issuedSummary, withIssued } from './needs.js';
import {
  applyAllocations,
  kitLimits,
  planKitIssue,
  planMerged,
  planReturn,
  planStandardIssue,
  takeMerged,
  type SubstituteContext,
} from './pick.js';
import { assertMove, assertPickable, byPriority, canMove } from './state.js';

describe('computeNeeds', () => {
  const ctx = aContext(
    {
      P: { source: 'manufactured' },
      A: { defaultWarehouse: 'RM' },
      STEEL: { precision: 3 },
      OUT: { source: 'phantom' },
      IN: { source: 'phantom' },
      B: {},
      C: { defaultWarehouse: 'RM2' },
    },
    {
      P: [
        aLine('A', '2'),
        aLine('OUT', '2', { lossRate: '0.1' }),
        aLine('STEEL', '0.35', { lossRate: '0.05', warehouse: 'MET' }),
      ],
      OUT: [aLine('B', '3'), aLine('IN', '2', { issueMethod: 'backflush' })],
      IN: [aLine('C', '5', { issueMethod: 'backflush' })],
    },
  );

  it('expands a phantom inside a phantom, multiplying quantities and losses through both', () => {
    const needs = computeNeeds('P', '10', ctx, 'DEF');
    // No line of these BOMs allows a substitute.
    expect(needs.every((n) => n.substitutes?.length === 0)).toBe(true);
    expect(needs.map(({ substitutes: _s, ...n }) => n)).toEqual([
      aNeed({ item: 'A', qtyPer: '2', required: '20', warehouse: 'RM' }),
      aNeed({
        item: 'B',
        qtyPer: '6',
        lossRate: '0.1',
        required: '66',
        warehouse: 'DEF',
        phantomPath: ['OUT'],
      }),
      aNeed({
        item: 'C',
        qtyPer: '20',
        lossRate: '0.1',
        required: '220',
        warehouse: 'RM2',
        issueMethod: 'backflush',
        phantomPath: ['OUT', 'IN'],
      }),
      aNeed({
        item: 'STEEL',
        qtyPer: '0.35',
        lossRate: '0.05',
        required: '3.675',
        warehouse: 'MET',
      }),
    ]);
  });

  it('tracks the MTO components of a tracked order by its tracking number, not the MTS ones', () => {
    const mto = aContext(
      { CHIP: { strategy: 'mto' }, SCREW: { strategy: 'mts' }, PH: { source: 'phantom' } },
      { P: [aLine('CHIP', '2'), aLine('PH', '1')], PH: [aLine('SCREW', '3'), aLine('CHIP', '1')] },
    );
    const tracked = computeNeeds('P', '1', mto, 'RM', 'SO-9');
    expect(tracked.map((n) => [n.item, n.trackingNo])).toEqual([
      ['CHIP', 'SO-9'],
      ['SCREW', undefined],
      ['CHIP', 'SO-9'],
    ]);
    expect(computeNeeds('P', '1', mto, 'RM').some((n) => n.trackingNo)).toBe(false);
  });

  it("copies each BOM line's substitutes onto its need, by priority", () => {
    const needs = computeNeeds(
      'P',
      '1',
      aContext(
        { A: {}, PH: { source: 'phantom' }, B: {} },
        {
          P: [
            aLine('A', '1', {
              substitutes: [
                { item: 'A3', priority: 2, ratio: '2' },
                { item: 'A2', priority: 1, ratio: '1' },
              ],
            }),
            aLine('PH', '2'),
          ],
          PH: [aLine('B', '1', { substitutes: [{ item: 'B2', priority: 1, ratio: '0.5' }] })],
        },
      ),
    );
    expect(needs.map((n) => [n.item, n.substitutes?.map((x) => `${x.item}:${x.ratio}`)])).toEqual([
      ['A', ['A2:1', 'A3:2']],
      ['B', ['B2:0.5']],
    ]);
  });

  it('rounds the requirement up to the component precision', () => {
    const needs = computeNeeds('P', '3', aContext({ A: {} }, { P: [aLine('A', '0.35')] }));
    expect(needs[0]!.required).toBe('2'); // 1.05 pieces -> 2
  });

  it('spreads what an imported order already issued over its needs', () => {
    const needs = withIssued(
      [aNeed({ required: '5' }), aNeed({ required: '5', phantomPath: ['X'] })],
      [{ item: 'A', qty: '7' }],
    );
    expect(needs.map((n) => n.issued)).toEqual(['5', '2']);
    expect(issuedSummary(needs)).toEqual([{ item: 'A', qty: '7' }]);
  });
});

describe('standard issue', () => {
  it('issues part of a need, then the rest, then refuses more', () => {
    let order = aTaskOrder();
    const first = planStandardIssue(order, [{ item: 'A', qty: '8' }]);
    expect(first.ok && first.value).toEqual([
      {
        order: 'MO1',
        need: 0,
        item: 'A',
        warehouse: 'RM',
        qty: '8',
        status: 'available',
        trackingNo: '',
      },
    ]);
    order = { ...order, needs: applyAllocations(order.needs, first.ok ? first.value : []) };
    const rest = planStandardIssue(order, undefined);
    expect(rest.ok && rest.value.map((a) => a.qty)).toEqual(['12']);
    order = { ...order, needs: applyAllocations(order.needs, rest.ok ? rest.value : []) };
    const over = planStandardIssue(order, [{ item: 'A', qty: '1' }]);
    expect(over.ok).toBe(false);
    expect(!over.ok && over.issues[0]!.code).toBe('issue.overIssue');
  });

  it('leaves backflush needs out and refuses items that are not needs', () => {
    const order = aTaskOrder({ needs: [aNeed(), aNeed({ item: 'B', issueMethod: 'backflush' })] });
    const all = planStandardIssue(order, undefined);
    expect(all.ok && all.value.map((a) => a.item)).toEqual(['A']);
    expect(planStandardIssue(order, [{ item: 'B', qty: '1' }]).ok).toBe(false);
  });

  it('skip-level: only the needs under the phantom', () => {
    const order = aTaskOrder({
      needs: [
        aNeed(),
        aNeed({ item: 'B', phantomPath: ['OUT'] }),
        aNeed({ item: 'C', phantomPath: ['OUT', 'IN'] }),
      ],
    });
    const inner = planStandardIssue(order, undefined, 'IN');
    expect(inner.ok && inner.value.map((a) => a.item)).toEqual(['C']);
    const outer = planStandardIssue(order, undefined, 'OUT');
    expect(outer.ok && outer.value.map((a) => a.item)).toEqual(['B', 'C']);
  });
});

describe('kit issue', () => {
  const order = aTaskOrder({
    needs: [aNeed(), aNeed({ item: 'B', qtyPer: '3', lossRate: '0.1', required: '33' })],
  });
  const stock: Record<string, string> = { A: '13', B: '100' };
  const limits = kitLimits(order, 0, (item) => stock[item] ?? '0');

  it('offers the largest whole number of sets stock allows', () => {
    expect(limits.maxSets).toBe('6');
    expect(limits.remainingSets).toBe('10');
  });

  it('refuses more sets than stock allows, with the maximum in the details', () => {
    try {
      planKitIssue(order, '7', () => 0, limits);
      throw new Error('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('issue.kitExceedsStock');
      expect((err as AppError).details).toMatchObject({ maxSets: '6', requested: '7' });
    }
  });

  it('issues N sets of every component, rounded up to its precision', () => {
    const allocations = planKitIssue(order, '6', () => 0, limits);
    expect(allocations.map((a) => [a.item, a.qty])).toEqual([
      ['A', '12'],
      ['B', '20'], // 6 x 3.3 = 19.8 -> 20 pieces
    ]);
  });
});

describe('merged picking and returns', () => {
  it('sums the same item per warehouse over orders and keeps each share', () => {
    const orders = ['MO1', 'MO2', 'MO3'].map((no, i) =>
      aTaskOrder({ no, needs: [aNeed({ required: String(i + 3) }), aNeed({ item: 'B' })] }),
    );
    const { lines, allocations } = planMerged(orders);
    expect(lines[0]).toEqual({
      item: 'A',
      warehouse: 'RM',
      qty: '12',
      shares: [
        { order: 'MO1', qty: '3' },
        { order: 'MO2', qty: '4' },
        { order: 'MO3', qty: '5' },
      ],
    });
    expect(lines[1]!.qty).toBe('60');
    expect(allocations).toHaveLength(6);
  });

  it('a partial merged pick serves the orders in their given order, each up to its share', () => {
    const orders = ['MO1', 'MO2', 'MO3'].map((no, i) =>
      aTaskOrder({ no, needs: [aNeed({ required: String(i + 3) }), aNeed({ item: 'B' })] }),
    );
    const { allocations } = planMerged(orders);
    const plan = takeMerged(allocations, [{ item: 'A', warehouse: 'RM', qty: '7.5' }]);
    expect(plan.ok && plan.value.map((a) => [a.order, a.item, a.qty])).toEqual([
      ['MO1', 'A', '3'],
      ['MO2', 'A', '4'],
      ['MO3', 'A', '0.5'],
    ]);
    // Exactly the total is allowed; B is not picked at all.
    const all = takeMerged(allocations, [{ item: 'A', warehouse: 'RM', qty: '12' }]);
    expect(all.ok && all.value.map((a) => a.qty)).toEqual(['3', '4', '5']);
  });

  it('refuses a merged line above its total, not on the list, or given twice', () => {
    const { allocations } = planMerged([aTaskOrder({ no: 'MO1', needs: [aNeed()] })]);
    const over = takeMerged(allocations, [{ item: 'A', warehouse: 'RM', qty: '20.001' }]);
    expect(!over.ok && over.issues).toEqual([
      expect.objectContaining({ path: ['body', 'lines', 0, 'qty'], code: 'issue.overIssue' }),
    ]);
    const bad = takeMerged(allocations, [
      { item: 'A', warehouse: 'RM', qty: '1' },
      { item: 'A', warehouse: 'RM2', qty: '1' },
      { item: 'A', warehouse: 'RM', qty: '1' },
      { item: 'A', warehouse: 'RM', qty: '1', status: 'rejected' },
    ]);
    expect(!bad.ok && bad.issues.map((i) => i.path)).toEqual([
      ['body', 'lines', 1, 'item'],
      ['body', 'lines', 2, 'item'],
      ['body', 'lines', 3, 'item'],
    ]);
  });

  it('refuses to return more than was issued', () => {
    const order = aTaskOrder({ needs: [aNeed({ issued: '4' })] });
    const over = planReturn(order, [{ item: 'A', qty: '5' }]);
    expect(!over.ok && over.issues[0]!.code).toBe('issue.overReturn');
    const ok = planReturn(order, [{ item: 'A', qty: '4' }]);
    expect(ok.ok && ok.value[0]!.qty).toBe('-4');
  });
});

describe('substitutes in a standard pick', () => {
  // 500 motors to pick; 380 in stock: 120 short. MOTB (1:1, at RM2) and MOTC (2 per motor).
  const order = () =>
    aTaskOrder({
      no: 'MO1',
      qty: '500',
      needs: [
        aNeed({
          item: 'MOT',
          qtyPer: '1',
          required: '500',
          substitutes: [
            { item: 'MOTB', priority: 1, ratio: '1' },
            { item: 'MOTC', priority: 2, ratio: '0.5' },
          ],
        }),
        aNeed({ item: 'CAP', qtyPer: '1', required: '500' }),
      ],
    });
  const stock: Record<string, string> = { 'MOT@RM': '380', 'MOTB@RM2': '120', 'MOTC@RM': '50' };
  const ctx = (over: Record<string, string> = {}): SubstituteContext => ({
    item: (code) =>
      ({
        MOT: { precision: 0 },
        CAP: { precision: 0 },
        MOTB: { precision: 0, defaultWarehouse: 'RM2' },
        MOTC: { precision: 0, defaultWarehouse: 'RM', strategy: 'mto' as const },
      })[code],
    available: (item, warehouse) => ({ ...stock, ...over })[`${item}@${warehouse}`] ?? '0',
  });
  const plan = (lines: Parameters<typeof planStandardIssue>[1], o = order(), c = ctx()) =>
    planStandardIssue(o, lines, undefined, c);

  it('issues the substitute for what the component lacks, recorded as issued as X for Y', () => {
    const res = plan([
      { item: 'MOT', qty: '380' },
      { item: 'MOT', qty: '120', substitute: 'MOTB' },
    ]);
    expect(res.ok && res.value).toEqual([
      expect.objectContaining({ item: 'MOT', warehouse: 'RM', qty: '380' }),
      {
        order: 'MO1',
        need: 0,
        item: 'MOTB',
        warehouse: 'RM2',
        qty: '120',
        status: 'available',
        trackingNo: '',
        substitute: { for: 'MOT', covers: '120' },
      },
    ]);
    const needs = applyAllocations(order().needs, res.ok ? res.value : []);
    // The need is covered: nothing of it is left to pick.
    expect(needs[0]).toMatchObject({
      issued: '500',
      substituted: [{ item: 'MOTB', warehouse: 'RM2', qty: '120', covers: '120' }],
    });
    const rest = planStandardIssue({ ...order(), needs }, undefined);
    expect(rest.ok && rest.value.map((a) => a.item)).toEqual(['CAP']);
  });

  it('issues component qty × ratio, rounded up to the substitute precision, from its MTO stock', () => {
    const res = plan([{ item: 'MOT', qty: '3', substitute: 'MOTC' }], order(), {
      ...ctx(),
      trackingNo: 'SO-9',
    });
    // 3 × 0.5 = 1.5 -> 2 pieces of MOTC, from the order's tracking number (MOTC is MTO).
    expect(res.ok && res.value).toEqual([
      expect.objectContaining({
        item: 'MOTC',
        qty: '2',
        trackingNo: 'SO-9',
        substitute: { for: 'MOT', covers: '3' },
      }),
    ]);
  });

  it('spreads over several needs of the component, the rounding on the last part', () => {
    const two = aTaskOrder({
      needs: [
        aNeed({
          item: 'MOT',
          required: '1',
          substitutes: [{ item: 'MOTC', priority: 1, ratio: '0.5' }],
        }),
        aNeed({
          item: 'MOT',
          required: '2',
          phantomPath: ['PH'],
          substitutes: [{ item: 'MOTC', priority: 1, ratio: '0.5' }],
        }),
      ],
    });
    const res = plan([{ item: 'MOT', qty: '3', substitute: 'MOTC' }], two, ctx({ 'MOT@RM': '0' }));
    // 1 × 0.5 -> 0 on the first need (it still covers 1), 2 on the last: 2 in all = ⌈1.5⌉.
    expect(res.ok && res.value.map((a) => [a.need, a.qty, a.substitute?.covers])).toEqual([
      [0, '0', '1'],
      [1, '2', '2'],
    ]);
  });

  it('refuses a substitute the BOM does not allow, naming the allowed ones', () => {
    const res = plan([{ item: 'MOT', qty: '1', substitute: 'CAP' }]);
    expect(!res.ok && res.issues[0]).toMatchObject({
      path: ['body', 'lines', 0, 'substitute'],
      code: 'issue.substituteNotAllowed',
      message: expect.stringContaining('MOTB、MOTC'),
    });
    const none = plan([{ item: 'CAP', qty: '1', substitute: 'MOTB' }]);
    expect(!none.ok && none.issues[0]!.code).toBe('issue.substituteNotAllowed');
  });

  it('refuses a substitute when the component is not short, or beyond its shortfall', () => {
    const enough = plan(
      [{ item: 'MOT', qty: '1', substitute: 'MOTB' }],
      order(),
      ctx({ 'MOT@RM': '500' }),
    );
    expect(!enough.ok && enough.issues[0]).toMatchObject({
      path: ['body', 'lines', 0, 'qty'],
      code: 'issue.substituteNotShort',
    });
    const beyond = plan([{ item: 'MOT', qty: '121', substitute: 'MOTB' }]);
    expect(!beyond.ok && beyond.issues[0]!.message).toContain('只缺 120');
    // Two substitute lines share the one shortfall.
    const split = plan([
      { item: 'MOT', qty: '100', substitute: 'MOTB' },
      { item: 'MOT', qty: '21', substitute: 'MOTC' },
    ]);
    expect(!split.ok && split.issues.map((i) => i.path[2])).toEqual([1]);
  });

  it('returns a substitute to its balance and opens the component again', () => {
    const issued = plan([{ item: 'MOT', qty: '120', substitute: 'MOTB' }]);
    const o = { ...order(), needs: applyAllocations(order().needs, issued.ok ? issued.value : []) };
    // MOT itself was not issued: nothing of it can come back.
    const own = planReturn(o, [{ item: 'MOT', qty: '1' }]);
    expect(!own.ok && own.issues[0]!.code).toBe('issue.overReturn');
    const back = planReturn(o, [{ item: 'MOTB', qty: '50', substituteFor: 'MOT' }]);
    expect(back.ok && back.value).toEqual([
      {
        order: 'MO1',
        need: 0,
        item: 'MOTB',
        warehouse: 'RM2',
        qty: '-50',
        status: 'available',
        trackingNo: '',
        substitute: { for: 'MOT', covers: '-50' },
      },
    ]);
    const after = applyAllocations(o.needs, back.ok ? back.value : []);
    expect(after[0]).toMatchObject({
      issued: '70',
      substituted: [{ item: 'MOTB', qty: '70', covers: '70' }],
    });
    const over = planReturn({ ...o, needs: after }, [{ item: 'MOTB', qty: '71' }]);
    expect(!over.ok && over.issues[0]!.code).toBe('issue.overReturn');
    const all = planReturn({ ...o, needs: after }, [{ item: 'MOTB', qty: '70' }]);
    const none = applyAllocations(after, all.ok ? all.value : []);
    expect(none[0]!.issued).toBe('0');
    expect(none[0]!.substituted).toBeUndefined();
  });

  it('a part of a rounded substitute issue uncovers its share, rounded up', () => {
    const issued = plan([{ item: 'MOT', qty: '3', substitute: 'MOTC' }]); // 2 MOTC cover 3
    const o = { ...order(), needs: applyAllocations(order().needs, issued.ok ? issued.value : []) };
    const one = planReturn(o, [{ item: 'MOTC', qty: '1' }], () => 0);
    // 3 × 1 / 2 = 1.5 -> 2 of the motor need open again; the last MOTC uncovers the last 1.
    expect(one.ok && one.value[0]!.substitute).toEqual({ for: 'MOT', covers: '-2' });
    const after = applyAllocations(o.needs, one.ok ? one.value : []);
    expect(after[0]).toMatchObject({ issued: '1', substituted: [{ qty: '1', covers: '1' }] });
  });
});

describe('states and order', () => {
  it('allows only the defined transitions', () => {
    expect(canMove('planned', 'released')).toBe(true);
    expect(canMove('closed', 'released')).toBe(false);
    expect(() => assertMove('MO1', 'completed', 'released')).toThrow(/不能改为/);
  });

  it('picks for released and running orders; leftovers come back from a completed one too', () => {
    expect(() => assertPickable('MO1', 'inProgress')).not.toThrow();
    expect(() => assertPickable('MO1', 'completed')).toThrow('当前为「已完工」，不能领料');
    expect(() => assertPickable('MO1', 'completed', 'return')).not.toThrow();
    expect(() => assertPickable('MO1', 'closed', 'return')).toThrow('当前为「已关闭」，不能退料');
    expect(() => assertPickable('MO1', 'planned', 'return')).toThrow('不能退料');
  });

  it('orders by priority, then due date, then number', () => {
    const list = [
      { no: 'B', priority: 5, dueDate: '2026-12-01' },
      { no: 'A', priority: 5, dueDate: '2026-12-01' },
      { no: 'C', priority: 1, dueDate: '2026-12-30' },
      { no: 'D', priority: 5, dueDate: '2026-11-30' },
    ].sort(byPriority);
    expect(list.map((o) => o.no)).toEqual(['C', 'D', 'A', 'B']);
  });
});

describe('computeNeeds on bad data', () => {
  it('a loop through phantoms is bom.cycle naming its path (one guard: the BOM walk’s)', () => {
    const loop = aContext(
      { P: { source: 'manufactured' }, PH1: { source: 'phantom' }, PH2: { source: 'phantom' } },
      { P: [aLine('PH1', '1')], PH1: [aLine('PH2', '1')], PH2: [aLine('PH1', '2')] },
    );
    let error: unknown;
    try {
      computeNeeds('P', '1', loop);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('bom.cycle');
    expect((error as AppError).details).toEqual({ path: ['P', 'PH1', 'PH2', 'PH1'] });
  });
});
