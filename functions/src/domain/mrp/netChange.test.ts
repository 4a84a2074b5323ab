import { anInput, anItem, bom, made, phantomItem, so } from './builders.js';
import { planMrp } from './engine.js';
import { replanSet, type NetChange } from './netChange.js';
import { randomEvent, randomFactory, seeded } from './randomPlanning.js';
import type { MrpInput, PlanningResult } from './types.js';

/**
 * The previous plan as the application has it: read back from stored segments (JSON), its
 * planned orders with ids, and promiseBroken exceptions the run use case added.
 */
function stored(result: PlanningResult, withPromise = false): PlanningResult {
  const copy = JSON.parse(JSON.stringify(result)) as PlanningResult;
  copy.plannedOrders = copy.plannedOrders.map((o, n) => ({ id: `R1-${n + 1}`, ...o }));
  const first = copy.plannedOrders[0];
  if (withPromise && first) {
    copy.exceptions.push({ kind: 'promiseBroken', item: first.item, detail: 'SO-1/1：承诺交期' });
    copy.exceptions.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  }
  return copy;
}

const text = (r: PlanningResult) => JSON.stringify(r);

/** The result, or the message of the error the engine refused the data with. */
function attempt(run: () => PlanningResult): PlanningResult | string {
  try {
    return run();
  } catch (err) {
    return (err as Error).message;
  }
}

/** The first place two results differ, for the failure message. */
function firstDifference(a: PlanningResult, b: PlanningResult): string {
  for (const key of ['plannedOrders', 'exceptions'] as const) {
    const n = Math.max(a[key].length, b[key].length);
    for (let k = 0; k < n; k++) {
      const x = JSON.stringify(a[key][k]);
      const y = JSON.stringify(b[key][k]);
      if (x !== y) return `${key}[${k}]\n  net:  ${x}\n  full: ${y}`;
    }
  }
  return 'runDate or key order';
}

describe('net change equals a full run (property)', () => {
  const FACTORIES = 300;
  const EVENTS = 8;
  test(`${FACTORIES} random factories × ${EVENTS} random events`, () => {
    let net = 0;
    let runs = 0;
    let replanned = 0;
    let items = 0;
    let refused = 0;
    let structureKept = 0;
    for (let f = 0; f < FACTORIES; f++) {
      const seed = 20261201 + f;
      const rnd = seeded(seed);
      let input = randomFactory(rnd);
      const first = attempt(() => planMrp(input));
      if (typeof first === 'string') {
        refused++;
        continue;
      }
      let previous = first;
      let previousInput: MrpInput = input;
      let dirty = new Set<string>();
      const history: string[] = [];
      for (let e = 0; e < EVENTS; e++) {
        const event = randomEvent(rnd, input, e);
        history.push(event.name);
        input = event.input;
        for (const m of event.marks) dirty.add(m);
        const full = attempt(() => planMrp(input));
        // The previous plan as this process made it (its structure along), or read back.
        const inMemory = rnd.chance(0.5);
        const change: NetChange = {
          previous: inMemory ? previous : stored(previous, rnd.chance(0.2)),
          dirty,
          previousInput,
        };
        const result = attempt(() => planMrp(input, change));
        const where = () =>
          `seed ${seed}, after events ${history.join(' → ')} (dirty ${[...dirty].join(',')}; ` +
          `${typeof result === 'string' ? result : JSON.stringify(result.netChange)})`;
        if (typeof full === 'string' || typeof result === 'string') {
          // Data the engine refuses (a loop of substitutes): refused the same way.
          if (full !== result) throw new Error(`${where()}: full run ${String(full)}`);
          refused++;
          continue;
        }
        runs++;
        if (result.netChange?.mode === 'net') net++;
        if (inMemory && result.structure === previous.structure) structureKept++;
        replanned += result.netChange?.replanned ?? 0;
        items += input.items.length;
        if (text(result) !== text(full))
          throw new Error(`${where()}: ${firstDifference(result, full)}`);
        // Sometimes the run becomes the current plan (its marks cleared), sometimes a later
        // one does and the marks pile up.
        if (rnd.chance(0.6)) {
          previous = result;
          previousInput = input;
          dirty = new Set();
        }
      }
    }
    expect(refused).toBeLessThan(runs / 20);
    // The property says nothing if every run fell back to a full one.
    expect(net / runs).toBeGreaterThan(0.6);
    // Runs planned on the previous run's structure (same items and BOMs) are among them.
    expect(structureKept / runs).toBeGreaterThan(0.1);
    expect(replanned / items).toBeLessThan(0.95);
  });
});

describe('net change', () => {
  const factory = () =>
    anInput({
      items: [
        made('FG', { leadTimeDays: 1 }),
        phantomItem('PH'),
        anItem('RM1', { leadTimeDays: 2 }),
        anItem('RM2'),
        anItem('PK'),
      ],
      boms: new Map([
        [
          'FG',
          bom([
            ['PH', '1'],
            ['PK', '1'],
          ]),
        ],
        [
          'PH',
          bom([
            ['RM1', '2', '0.1'],
            ['RM2', '1'],
          ]),
        ],
      ]),
      salesOrders: [so('SO-1', 'FG', '10', '2026-12-10')],
      stock: [{ item: 'RM2', qty: '4' }],
    });

  test('nothing dirty: the previous plan, equal to a full run', () => {
    const input = factory();
    const previous = planMrp(input);
    const result = planMrp(input, {
      previous: stored(previous),
      dirty: new Set(),
      previousInput: input,
    });
    expect(result.netChange).toEqual({
      mode: 'net',
      items: 5,
      replanned: 0,
      replannedItems: new Set(),
      sameItemsAndBoms: true,
    });
    expect(text(result)).toBe(text(previous));
    expect(result.plannedOrders.length).toBeGreaterThan(0);
  });

  test('keeps a plan made in memory by its own orders, and one read back without its ids', () => {
    const input = factory();
    const previous = planMrp(input);
    const after = { ...input, stock: [...input.stock, { item: 'PK', qty: '3' }] };
    const change = { dirty: new Set(['PK']), previousInput: input };
    const fromMemory = planMrp(after, { previous, ...change });
    const kept = fromMemory.plannedOrders.filter((o) => o.item !== 'PK');
    expect(kept.length).toBeGreaterThan(0);
    for (const o of kept) expect(previous.plannedOrders).toContain(o);
    const fromTable = planMrp(after, { previous: stored(previous), ...change });
    for (const o of fromTable.plannedOrders) expect(o).not.toHaveProperty('id');
    expect(text(fromTable)).toBe(text(fromMemory));
    expect(text(fromMemory)).toBe(text(planMrp(after)));
  });

  test('one leaf dirty replans only it', () => {
    const input = factory();
    const previous = planMrp(input);
    const after = { ...input, stock: [...input.stock, { item: 'PK', qty: '3' }] };
    const result = planMrp(after, {
      previous: stored(previous),
      dirty: new Set(['PK']),
      previousInput: input,
    });
    expect(result.netChange).toEqual({
      mode: 'net',
      items: 5,
      replanned: 1,
      replannedItems: new Set(['PK']),
      sameItemsAndBoms: true,
    });
    expect(text(result)).toBe(text(planMrp(after)));
    expect(result.plannedOrders.find((o) => o.item === 'PK')?.qty).toBe('7');
  });

  test('a dirty parent replans what is below it, through the phantom', () => {
    const input = factory();
    expect([...replanSet(input, new Set(['FG']))].sort()).toEqual(['FG', 'PH', 'PK', 'RM1', 'RM2']);
    // A component of a phantom pulls the phantom in (its explosion cannot be replayed from
    // the previous plan), but not the phantom's other components: its own plan is as before.
    expect([...replanSet(input, new Set(['RM1']))].sort()).toEqual(['PH', 'RM1']);
    const after = { ...input, stock: [...input.stock, { item: 'RM1', qty: '7' }] };
    const result = planMrp(after, {
      previous: stored(planMrp(input)),
      dirty: new Set(['RM1']),
      previousInput: input,
    });
    expect(result.netChange).toMatchObject({ mode: 'net', replanned: 2 });
    expect(text(result)).toBe(text(planMrp(after)));
  });

  test('a substitute with free stock is replanned with the components that draw on it, and they with it', () => {
    const input = anInput({
      items: [made('A'), made('B'), anItem('X'), anItem('Y'), anItem('S')],
      boms: new Map([
        [
          'A',
          [
            {
              version: 'V1',
              lines: [
                {
                  component: 'X',
                  qtyPer: '1',
                  lossRate: '0',
                  substitutes: [{ item: 'S', priority: 1, ratio: '1' }],
                },
              ],
            },
          ],
        ],
        [
          'B',
          [
            {
              version: 'V1',
              lines: [
                {
                  component: 'Y',
                  qtyPer: '1',
                  lossRate: '0',
                  substitutes: [{ item: 'S', priority: 1, ratio: '1' }],
                },
              ],
            },
          ],
        ],
      ]),
    });
    expect([...replanSet(input, new Set(['X']))]).toEqual(['X']); // S has no free stock
    const stocked = { ...input, stock: [{ item: 'S', qty: '5' }] };
    expect([...replanSet(stocked, new Set(['X']))].sort()).toEqual(['S', 'X', 'Y']);
    expect([...replanSet(stocked, new Set(['S']))].sort()).toEqual(['S', 'X', 'Y']);
    // Its own data changed (its stock may have gone): linked whatever it holds now.
    expect([...replanSet(input, new Set(['S']))].sort()).toEqual(['S', 'X', 'Y']);
  });

  test('a phantom with a substitute that can serve is planned anew with what is below it', () => {
    // B is planned before PH and takes 8 of S's 10 first: PH may use only the other 2.
    const line = (component: string, sub?: string) => ({
      component,
      qtyPer: '1',
      lossRate: '0',
      substitutes: sub ? [{ item: sub, priority: 1, ratio: '1' }] : [],
    });
    const input = anInput({
      items: [made('FG'), made('B'), phantomItem('PH'), anItem('RM'), anItem('S')],
      boms: new Map([
        ['FG', [{ version: 'V1', lines: [line('PH', 'S')] }]],
        ['PH', [{ version: 'V1', lines: [line('RM')] }]],
        ['B', [{ version: 'V1', lines: [line('S')] }]],
      ]),
      salesOrders: [so('SO-1', 'FG', '10', '2026-12-10'), so('SO-2', 'B', '8', '2026-12-09')],
      stock: [{ item: 'S', qty: '10' }],
    });
    const after = { ...input, stock: [...input.stock, { item: 'RM', qty: '3' }] };
    expect([...replanSet(after, new Set(['RM']), input)].sort()).toEqual(['PH', 'RM', 'S']);
    const result = planMrp(after, {
      previous: stored(planMrp(input)),
      dirty: new Set(['RM']),
      previousInput: input,
    });
    expect(text(result)).toBe(text(planMrp(after)));
    expect(result.plannedOrders.find((o) => o.item === 'RM')?.qty).toBe('5');
  });

  test('a substitute whose stock is gone: the components that drew on it plan anew', () => {
    const input = anInput({
      items: [made('A'), anItem('X'), anItem('S')],
      boms: new Map([
        [
          'A',
          [
            {
              version: 'V1',
              lines: [
                {
                  component: 'X',
                  qtyPer: '1',
                  lossRate: '0',
                  substitutes: [{ item: 'S', priority: 1, ratio: '1' }],
                },
              ],
            },
          ],
        ],
      ]),
      salesOrders: [so('SO-1', 'A', '10', '2026-12-10')],
      stock: [{ item: 'S', qty: '4' }],
    });
    const previous = planMrp(input);
    expect(previous.plannedOrders.find((o) => o.item === 'X')?.substitutes).toEqual([
      { item: 'S', qty: '4' },
    ]);
    const after = { ...input, stock: [] };
    const result = planMrp(after, {
      previous: stored(previous),
      dirty: new Set(['S']),
      previousInput: input,
    });
    expect(result.netChange).toMatchObject({ mode: 'net', replanned: 2 });
    expect(text(result)).toBe(text(planMrp(after)));
    expect(result.plannedOrders.find((o) => o.item === 'X')?.qty).toBe('10');
  });

  test('kept orders pass demand down in the order they were made: tracking number, then day', () => {
    // Both FG orders are released on the run date (late); B's is due first, A's is made first.
    const input = anInput({
      items: [made('FG', { strategy: 'mto', leadTimeDays: 2 }), anItem('RM')],
      boms: new Map([['FG', bom([['RM', '1']])]]),
      salesOrders: [
        so('SO-1', 'FG', '10', '2026-12-01', 1, 'B'),
        so('SO-2', 'FG', '10', '2026-12-02', 1, 'A'),
      ],
    });
    const previous = planMrp(input);
    const after = { ...input, stock: [{ item: 'RM', qty: '5' }] };
    const result = planMrp(after, {
      previous: stored(previous),
      dirty: new Set(['RM']),
      previousInput: input,
    });
    expect(result.netChange?.replanned).toBe(1);
    expect(text(result)).toBe(text(planMrp(after)));
    expect(result.plannedOrders.find((o) => o.item === 'RM')?.pegging).toEqual([
      { demand: 'PLAN:FG:2026-12-02:A', qty: '5' },
      { demand: 'PLAN:FG:2026-12-01:B', qty: '10' },
    ]);
  });

  test('an item left out of the run (notPlanned) is kept or replanned like any other', () => {
    const base = factory();
    const input = {
      ...base,
      items: [...base.items, anItem('BAD')],
      boms: new Map([
        ...base.boms,
        [
          'FG',
          bom([
            ['PH', '1'],
            ['PK', '1'],
            ['BAD', '1'],
          ]),
        ],
      ]),
      stock: [...base.stock, { item: 'BAD', qty: '0.0000000000000001' }],
    };
    const previous = planMrp(input);
    expect(previous.exceptions.find((e) => e.item === 'BAD')?.kind).toBe('notPlanned');
    for (const dirty of [['PK'], ['BAD'], ['FG']]) {
      const result = planMrp(input, {
        previous: stored(previous),
        dirty: new Set(dirty),
        previousInput: input,
      });
      expect(result.netChange?.mode).toBe('net');
      expect(text(result)).toBe(text(previous));
    }
  });

  test('an item master change is found without a mark', () => {
    const input = factory();
    const previous = planMrp(input);
    const after = {
      ...input,
      items: input.items.map((it) => (it.code === 'RM1' ? { ...it, leadTimeDays: 9 } : it)),
    };
    const result = planMrp(after, {
      previous: stored(previous),
      dirty: new Set(),
      previousInput: input,
    });
    expect(result.netChange?.mode).toBe('net');
    expect(text(result)).toBe(text(planMrp(after)));
    expect(result.plannedOrders.find((o) => o.item === 'RM1')?.late).toBe(true);
    // The items changed: the previous structure is not planned on, nor promises taken over.
    expect(result.netChange?.sameItemsAndBoms).toBe(false);
    const fromMemory = planMrp(after, { previous, dirty: new Set(), previousInput: input });
    expect(fromMemory.structure).not.toBe(previous.structure);
    expect(text(fromMemory)).toBe(text(result));
  });

  test('kept orders keep their pegging text; promiseBroken exceptions are not kept', () => {
    const input = factory();
    const previous = planMrp(input);
    const result = planMrp(input, {
      previous: stored(previous, true),
      dirty: new Set(['RM2']),
      previousInput: input,
    });
    expect(result.exceptions.some((e) => e.kind === 'promiseBroken')).toBe(false);
    expect(text(result)).toBe(text(previous));
    expect(result.plannedOrders.find((o) => o.item === 'RM1')?.pegging[0]?.demand).toBe(
      'PLAN:FG:2026-12-10',
    );
    expect(Object.keys(result.plannedOrders[0]!)).not.toContain('id');
  });

  describe('falls back to a full run', () => {
    const cases: [string, (input: MrpInput) => MrpInput, string][] = [
      ['another run date', (i) => ({ ...i, runDate: '2026-12-02' }), 'run date'],
      ['another horizon', (i) => ({ ...i, horizonDays: 30 }), 'horizon'],
      [
        'another calendar',
        (i) => ({ ...i, calendar: { ...i.calendar, holidays: ['2026-12-08'] } }),
        'calendar',
      ],
      ['an item added', (i) => ({ ...i, items: [...i.items, anItem('NEW')] }), 'items'],
      [
        'a BOM change that moves an item between levels',
        (i) => ({
          ...i,
          boms: new Map([...i.boms, ['RM2', bom([['PK', '1']])]]),
          items: i.items.map((it) => (it.code === 'RM2' ? made('RM2') : it)),
        }),
        'low-level-code order',
      ],
    ];
    for (const [name, change, reason] of cases) {
      test(name, () => {
        const input = factory();
        const previous = planMrp(input);
        const after = change(input);
        const result = planMrp(after, {
          previous: stored(previous),
          dirty: new Set(),
          previousInput: input,
        });
        expect(result.netChange?.mode).toBe('full');
        expect(result.netChange?.reason).toContain(reason);
        expect(text(result)).toBe(text(planMrp(after)));
      });
    }

    test('without the previous input', () => {
      const input = factory();
      const result = planMrp(input, { previous: planMrp(input), dirty: new Set() });
      expect(result.netChange).toMatchObject({ mode: 'full', replanned: 5 });
    });

    test('a previous plan that is not in planning order', () => {
      const input = factory();
      const previous = stored(planMrp(input));
      previous.plannedOrders.reverse();
      const result = planMrp(input, { previous, dirty: new Set(), previousInput: input });
      expect(result.netChange?.reason).toContain('planning order');
      expect(text(result)).toBe(text(planMrp(input)));
    });

    test('a previous plan with orders for a phantom', () => {
      const input = factory();
      const previous = stored(planMrp(input));
      previous.plannedOrders.splice(1, 0, { ...previous.plannedOrders[0]!, item: 'PH' });
      const result = planMrp(input, { previous, dirty: new Set(), previousInput: input });
      expect(result.netChange?.reason).toContain('PH');
      expect(text(result)).toBe(text(planMrp(input)));
    });

    test('a kept order that does not fit its item, passing demand to a replanned one', () => {
      const input = factory();
      const previous = stored(planMrp(input));
      const k = previous.plannedOrders.findIndex((o) => o.item === 'FG');
      previous.plannedOrders[k] = { ...previous.plannedOrders[k]!, qty: '10.5' };
      const result = planMrp(input, { previous, dirty: new Set(['RM1']), previousInput: input });
      expect(result.netChange?.mode).toBe('full');
      expect(text(result)).toBe(text(planMrp(input)));
    });
  });

  test('the report is not part of the plan', () => {
    const input = factory();
    const result = planMrp(input, {
      previous: planMrp(input),
      dirty: new Set(),
      previousInput: input,
    });
    expect(Object.keys(result)).toEqual(['runDate', 'plannedOrders', 'exceptions']);
    expect(result).toEqual(planMrp(input));
  });
});
