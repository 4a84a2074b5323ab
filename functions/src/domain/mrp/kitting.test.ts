import { buildableSets, kit, type KitContext, type KitLine } from './kitting.js';
import { shortage } from './shortage.js';

function ctx(
  boms: Record<string, KitLine[]>,
  sources: Record<string, 'phantom' | 'purchased' | 'manufactured'> = {},
): KitContext {
  return {
    item: (code) => ({
      source: sources[code] ?? (boms[code] ? 'manufactured' : 'purchased'),
      precision: 0,
    }),
    bom: (code) => boms[code],
  };
}
const line = (component: string, qtyPer: string, lossRate = '0'): KitLine => ({
  component,
  qtyPer,
  lossRate,
});

describe('kitting', () => {
  const structure = ctx({ FG: [line('SA', '1'), line('BOX', '1')], SA: [line('RM', '2')] });

  test('uses sub-assembly stock before exploding further, and reports required / available / short', () => {
    const rows = kit(
      'FG',
      '10',
      new Map([
        ['SA', '3'],
        ['RM', '10'],
        ['BOX', '20'],
      ]),
      structure,
    );
    expect(
      rows.map(
        (r) => `${r.path.join('>')} req ${r.required} avail ${r.available} short ${r.short}`,
      ),
    ).toEqual([
      'FG>SA req 10 avail 3 short 0',
      'FG>SA>RM req 14 avail 10 short 4',
      'FG>BOX req 10 avail 10 short 0',
    ]);
  });

  test('the buildable sets are the most that kit with nothing short', () => {
    // SA stock 3 + RM 10 / 2 = 5 more sets: 8.
    expect(
      buildableSets(
        'FG',
        '10',
        new Map([
          ['SA', '3'],
          ['RM', '10'],
          ['BOX', '20'],
        ]),
        structure,
      ),
    ).toBe('8');
    expect(
      buildableSets(
        'FG',
        '5',
        new Map([
          ['SA', '3'],
          ['RM', '10'],
          ['BOX', '20'],
        ]),
        structure,
      ),
    ).toBe('5');
    expect(buildableSets('FG', '10', new Map(), structure)).toBe('0');
  });

  test('phantoms always explode and losses count', () => {
    const c = ctx({ FG: [line('PH', '2', '0.1')], PH: [line('RM', '3')] }, { PH: 'phantom' });
    const rows = kit(
      'FG',
      '10',
      new Map([
        ['PH', '100'],
        ['RM', '60'],
      ]),
      c,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        item: 'RM',
        path: ['FG', 'PH', 'RM'],
        required: '66',
        available: '60',
        short: '6',
      }),
    ]);
  });

  test('one component under two branches is not counted twice', () => {
    const c = ctx({
      FG: [line('A', '1'), line('B', '1')],
      A: [line('RM', '1')],
      B: [line('RM', '1')],
    });
    const rows = kit('FG', '5', new Map([['RM', '6']]), c);
    expect(rows.filter((r) => r.item === 'RM').map((r) => `${r.available}/${r.short}`)).toEqual([
      '5/0',
      '1/4',
    ]);
    expect(buildableSets('FG', '5', new Map([['RM', '6']]), c)).toBe('3');
  });
});

describe('shortage', () => {
  test('allocates stock by due date then order number; complete, partial, short', () => {
    const bom = (item: string) => (item === 'FG' ? [line('RM', '2'), line('BOX', '1')] : undefined);
    const orders = [
      {
        no: 'MO3',
        item: 'FG',
        qty: '5',
        startDate: '2026-12-01',
        dueDate: '2026-12-10',
        issued: [],
      },
      {
        no: 'MO1',
        item: 'FG',
        qty: '5',
        startDate: '2026-12-01',
        dueDate: '2026-12-05',
        issued: [{ item: 'RM', qty: '4' }],
      },
      {
        no: 'MO2',
        item: 'FG',
        qty: '5',
        startDate: '2026-12-01',
        dueDate: '2026-12-10',
        issued: [],
      },
    ];
    const rows = shortage(
      orders,
      new Map([
        ['RM|', '16'],
        ['BOX|', '6'],
      ]),
      bom,
      () => false,
      () => false,
    );
    expect(rows.map((r) => `${r.no}:${r.status}`)).toEqual([
      'MO1:complete',
      'MO2:partial',
      'MO3:short',
    ]);
    expect(rows[0]!.components).toEqual([
      { item: 'BOX', needed: '5', allocated: '5', short: '0' },
      { item: 'RM', needed: '6', allocated: '6', short: '0' },
    ]);
    expect(rows[1]!.components.map((c) => `${c.item} ${c.allocated}/${c.needed}`)).toEqual([
      'BOX 1/5',
      'RM 10/10',
    ]);
  });
});

describe('legacy stored values past the range', () => {
  test('kitting and shortage compute exactly with a stored stock of 999999999999999999', () => {
    const structure = ctx({ FG: [line('RM', '2.5', '0.02'), line('BOX', '1')] });
    const stock = new Map([
      ['RM', '999999999999999999'],
      ['BOX', '3'],
    ]);
    const rows = kit('FG', '999999999999', stock, structure);
    expect(rows.map((r) => `${r.item} ${r.required} ${r.available} ${r.short}`)).toEqual([
      'RM 2549999999997.45 2549999999997.45 0',
      'BOX 999999999999 3 999999999996',
    ]);
    expect(buildableSets('FG', '999999999999', stock, structure)).toBe('3');
    const [order] = shortage(
      [
        {
          no: 'MO-1',
          item: 'FG',
          qty: '999999999999',
          startDate: '2026-12-01',
          dueDate: '2026-12-10',
          issued: [],
        },
      ],
      new Map([['RM|', '999999999999999999']]),
      () => [line('RM', '2.5', '0.02')],
      () => false,
      () => false,
    );
    expect(order!.status).toBe('complete');
  });
});
