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

  test('a phantom without stock is only a way through; losses count', () => {
    const c = ctx({ FG: [line('PH', '2', '0.1')], PH: [line('RM', '3')] }, { PH: 'phantom' });
    const rows = kit('FG', '10', new Map([['RM', '60']]), c);
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

  test('a phantom’s own stock is used before it explodes (DOMAIN: sub-assembly stock first)', () => {
    // 10 FG need 22 PH (2 × 1.1): 4 from PH stock, the other 18 explode into 54 RM.
    const c = ctx({ FG: [line('PH', '2', '0.1')], PH: [line('RM', '3')] }, { PH: 'phantom' });
    const stock = new Map([
      ['PH', '4'],
      ['RM', '50'],
    ]);
    expect(
      kit('FG', '10', stock, c).map(
        (r) => `${r.path.join('>')} req ${r.required} avail ${r.available} short ${r.short}`,
      ),
    ).toEqual(['FG>PH req 22 avail 4 short 0', 'FG>PH>RM req 54 avail 50 short 4']);
    // 9 sets: 19.8 PH, 4 from stock, 15.8 × 3 = 47.4 RM.
    expect(buildableSets('FG', '10', stock, c)).toBe('9');
    expect(buildableSets('FG', '10', new Map([['RM', '50']]), c)).toBe('7');
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

describe('kitting with substitutes', () => {
  const sub = (item: string, priority: number, ratio = '1') => ({ item, priority, ratio });
  const c: KitContext = {
    item: (code) => ({
      source: code === 'FG' ? 'manufactured' : 'purchased',
      precision: code === 'STEEL' ? 3 : 0,
    }),
    bom: (code) =>
      code === 'FG'
        ? [
            { ...line('CAP', '2'), substitutes: [sub('ALT2', 2), sub('ALT1', 1, '2')] },
            { ...line('STEEL', '1.5'), substitutes: [sub('ALT1', 1, '0.5')] },
            line('ALT2', '1'),
          ]
        : undefined,
  };

  test('a short component is offered substitute stock no line takes itself, in priority order × ratio', () => {
    // 10 FG: CAP 20 (5 on hand, 15 short); ALT1 (priority 1, 2 per CAP) has 13: covers 6 CAP
    // (12 ALT1; 13 / 2 = 6.5 is not a whole CAP); ALT2 has 14, of which FG itself takes 10:
    // the other 4 cover 4 CAP; 5 stay short.
    const stock = new Map([
      ['CAP', '5'],
      ['ALT1', '13'],
      ['ALT2', '14'],
      ['STEEL', '14'],
    ]);
    const rows = kit('FG', '10', stock, c);
    expect(rows.find((r) => r.item === 'CAP')).toMatchObject({
      short: '15',
      substitutes: [
        { item: 'ALT1', qty: '12', covers: '6' },
        { item: 'ALT2', qty: '4', covers: '4' },
      ],
      shortAfterSubstitutes: '5',
    });
    // STEEL is 1 kg short; ALT1 has 1 left after CAP took 12: 0.5 per kg, rounded up to
    // ALT1's unit (pieces), so 1 ALT1 covers it.
    expect(rows.find((r) => r.item === 'STEEL')).toMatchObject({
      short: '1',
      substitutes: [{ item: 'ALT1', qty: '1', covers: '1' }],
      shortAfterSubstitutes: '0',
    });
    expect(rows.find((r) => r.item === 'ALT2')).toMatchObject({
      short: '0',
      substitutes: [],
      shortAfterSubstitutes: '0',
    });
  });

  test('buildable sets are reported without and with substitutes', () => {
    const stock = new Map([
      ['CAP', '5'],
      ['ALT1', '13'],
      ['ALT2', '14'],
      ['STEEL', '14'],
    ]);
    // Without: CAP 5 / 2 = 2 sets. With: 8 sets need CAP 16, 11 short: ALT1 13 covers 6 (12
    // used), ALT2 14 − 8 taken by FG itself = 6 covers the other 5; STEEL 12 of 14. 9 sets:
    // CAP 13 short, 6 + 5 covered, 2 stay short.
    expect(buildableSets('FG', '10', stock, c)).toBe('2');
    expect(buildableSets('FG', '10', stock, c, true)).toBe('8');
    expect(kit('FG', '8', stock, c).every((r) => r.shortAfterSubstitutes === '0')).toBe(true);
    expect(kit('FG', '9', stock, c).find((r) => r.item === 'CAP')!.shortAfterSubstitutes).toBe('2');
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
      {
        item: (code) => ({
          source: code === 'FG' ? 'manufactured' : 'purchased',
          precision: 0,
          strategy: 'mts',
        }),
        bom: () => [line('RM', '2.5', '0.02')],
      },
    );
    expect(order!.status).toBe('complete');
  });
});

describe('kitting on bad data', () => {
  test('a loop is bom.cycle naming its path, not an endless walk', () => {
    const loop = ctx({ FG: [line('SA', '1')], SA: [line('SB', '1')], SB: [line('SA', '1')] });
    expect(() => kit('FG', '1', new Map(), loop)).toThrow('物料清单存在循环：FG > SA > SB > SA');
    // Stock that covers the loop's entry stops the walk before it: nothing to refuse.
    expect(kit('FG', '1', new Map([['SA', '1']]), loop).map((r) => r.item)).toEqual(['SA']);
  });
});
