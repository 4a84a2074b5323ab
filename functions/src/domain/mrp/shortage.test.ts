import type { KitLine } from './kitting.js';
import { shortage, type ShortageContext, type ShortageOrder } from './shortage.js';

const line = (component: string, qtyPer: string, extra: Partial<KitLine> = {}): KitLine => ({
  component,
  qtyPer,
  lossRate: '0',
  ...extra,
});

/** Items are purchased, MTS, in pieces unless said otherwise; BOMs do not change over time. */
function ctx(
  boms: Record<string, KitLine[]>,
  items: Record<string, Partial<ReturnType<ShortageContext['item']> & object>> = {},
): ShortageContext {
  return {
    item: (code) => ({
      source: boms[code] ? 'manufactured' : 'purchased',
      precision: 0,
      strategy: 'mts',
      ...items[code],
    }),
    bom: (code) => boms[code],
  };
}

function anOrder(overrides: Partial<ShortageOrder> = {}): ShortageOrder {
  return {
    no: 'MO1',
    item: 'FG',
    qty: '5',
    startDate: '2026-12-01',
    dueDate: '2026-12-05',
    issued: [],
    ...overrides,
  };
}

const stockOf = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([item, q]) => [`${item}|`, q]));

describe('shortage', () => {
  test('allocates stock by due date then order number; complete, partial, short', () => {
    const c = ctx({ FG: [line('RM', '2'), line('BOX', '1')] });
    const rows = shortage(
      [
        anOrder({ no: 'MO3', dueDate: '2026-12-10' }),
        anOrder({ no: 'MO1', issued: [{ item: 'RM', qty: '4' }] }),
        anOrder({ no: 'MO2', dueDate: '2026-12-10' }),
      ],
      stockOf({ RM: '16', BOX: '6' }),
      c,
    );
    expect(rows.map((r) => `${r.no}:${r.status}`)).toEqual([
      'MO1:complete',
      'MO2:partial',
      'MO3:short',
    ]);
    expect(rows[0]!.components).toEqual([
      {
        item: 'BOX',
        needed: '5',
        allocated: '5',
        short: '0',
        cover: [],
        shortAfterCover: '0',
      },
      { item: 'RM', needed: '6', allocated: '6', short: '0', cover: [], shortAfterCover: '0' },
    ]);
    expect(rows[1]!.components.map((x) => `${x.item} ${x.allocated}/${x.needed}`)).toEqual([
      'BOX 1/5',
      'RM 10/10',
    ]);
    expect(rows.map((r) => r.completeWithCover)).toEqual([true, false, false]);
  });

  test('a phantom’s stock covers the shortage of its components, its units counting once for all', () => {
    // FG = PH + BOX; PH (phantom) = 2 RM + 4 SCREW. MO1 and MO2 make 5 FG each.
    const c = ctx(
      { FG: [line('PH', '1'), line('BOX', '1')], PH: [line('RM', '2'), line('SCREW', '4')] },
      { PH: { source: 'phantom' } },
    );
    const rows = shortage(
      [anOrder({ no: 'MO2', dueDate: '2026-12-10' }), anOrder()],
      stockOf({ RM: '6', SCREW: '40', BOX: '10', PH: '3' }),
      c,
    );
    // The needs are components: MO1 gets RM 6 of 10, MO2 none of its 10; SCREW and BOX are
    // there. PH's 3 units were taken by nobody: MO1's 4 short RM need 2 PH, MO2 gets the last.
    expect(rows.map((r) => `${r.no}:${r.status}:${r.completeWithCover}`)).toEqual([
      'MO1:partial:true',
      'MO2:partial:false',
    ]);
    const rm = (n: number) => rows[n]!.components.find((x) => x.item === 'RM')!;
    expect(rm(0)).toMatchObject({
      short: '4',
      cover: [{ kind: 'phantom', item: 'PH', qty: '2', covers: '4' }],
      shortAfterCover: '0',
    });
    expect(rm(1)).toMatchObject({
      short: '10',
      cover: [{ kind: 'phantom', item: 'PH', qty: '1', covers: '2' }],
      shortAfterCover: '8',
    });
    // One PH unit covers every component under it: SCREW short too shows the same units.
    const both = shortage([anOrder()], stockOf({ SCREW: '12', BOX: '5', PH: '5' }), c);
    expect(both[0]!.components.map((x) => [x.item, x.short, x.cover, x.shortAfterCover])).toEqual([
      ['BOX', '0', [], '0'],
      ['RM', '10', [{ kind: 'phantom', item: 'PH', qty: '5', covers: '10' }], '0'],
      ['SCREW', '8', [{ kind: 'phantom', item: 'PH', qty: '5', covers: '8' }], '0'],
    ]);
  });

  test('substitutes cover from stock no order needs itself, in priority order × ratio', () => {
    const c = ctx({
      FG: [
        line('CAP', '2', {
          substitutes: [
            { item: 'ALT2', priority: 2, ratio: '1' },
            { item: 'ALT1', priority: 1, ratio: '2' },
          ],
        }),
        line('ALT2', '1'),
      ],
    });
    const rows = shortage(
      [anOrder(), anOrder({ no: 'MO2', dueDate: '2026-12-10' })],
      stockOf({ CAP: '4', ALT1: '9', ALT2: '12' }),
      c,
    );
    // Direct needs first, every order: ALT2 5 + 5 of 12, CAP 4 to MO1. Then MO1's 6 short
    // CAP: ALT1 9 covers 4 (8 used, 2 per CAP), ALT2's free 2 cover 2. MO2: nothing left.
    const cap = (n: number) => rows[n]!.components.find((x) => x.item === 'CAP')!;
    expect(cap(0)).toMatchObject({
      short: '6',
      cover: [
        { kind: 'substitute', item: 'ALT1', qty: '8', covers: '4' },
        { kind: 'substitute', item: 'ALT2', qty: '2', covers: '2' },
      ],
      shortAfterCover: '0',
    });
    expect(cap(1)).toMatchObject({ short: '10', cover: [], shortAfterCover: '10' });
    expect(rows.map((r) => r.completeWithCover)).toEqual([true, false]);
  });

  test('MTO components take the order’s tracked stock, covers too; a rework order gets no cover', () => {
    const c = ctx(
      { FG: [line('CHIP', '1', { substitutes: [{ item: 'CHIP2', priority: 1, ratio: '1' }] })] },
      { CHIP: { strategy: 'mto' }, CHIP2: { strategy: 'mto' } },
    );
    const stock = new Map([
      ['CHIP|SO-1', '2'],
      ['CHIP|', '50'],
      ['CHIP2|SO-1', '1'],
      ['CHIP2|', '50'],
    ]);
    const [tracked] = shortage([anOrder({ trackingNo: 'SO-1' })], stock, c);
    expect(tracked!.components[0]).toMatchObject({
      allocated: '2',
      short: '3',
      cover: [{ kind: 'substitute', item: 'CHIP2', qty: '1', covers: '1' }],
      shortAfterCover: '2',
    });
    const [rework] = shortage(
      [anOrder({ rework: true, needs: [{ item: 'CHIP', qty: '60' }] })],
      stock,
      c,
    );
    expect(rework!.components[0]).toMatchObject({ short: '10', cover: [] });
  });
});
