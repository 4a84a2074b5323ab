import { anInput, anItem, bom, made, phantomItem } from './builders.js';
import { dayNumber } from './calendar.js';
import { engineStructure, versionAt, type EngineStructure } from './structure.js';
import type { MrpBomVersion } from './types.js';

/** The lines of version `v` as plain data (component code, factor text, substitutes). */
function linesOf(s: EngineStructure, codes: readonly string[], v: number) {
  const out = [];
  for (let l = s.lineStart[v]!; l < s.lineStart[v + 1]!; l++) {
    out.push({
      child: codes[s.lineChild[l]!],
      factor: s.lineFactor[l]! / 10 ** s.lineScale[l]!,
      subs: s.lineSubs[l]! < 0 ? [] : s.subsLists[s.lineSubs[l]!]!.map((x) => codes[x.item]),
    });
  }
  return out;
}

const dated = (
  version: string,
  from: string | undefined,
  to: string | undefined,
  lines: [string, string][],
): MrpBomVersion => ({
  ...bom(lines)[0]!,
  version,
  ...(from ? { from } : {}),
  ...(to ? { to } : {}),
});

describe('engineStructure: BOM versions and lines in columns', () => {
  const items = [made('A'), made('B'), anItem('C'), anItem('D'), anItem('E')];
  const codes = items.map((it) => it.code);

  it('holds each version with its lines, exact factors and substitutes in priority order', () => {
    const withSubs: MrpBomVersion = {
      version: 'V1',
      lines: [
        { component: 'C', qtyPer: '2', lossRate: '0.5', substitutes: [] },
        {
          component: 'D',
          qtyPer: '0.25',
          lossRate: '0',
          substitutes: [
            { item: 'E', ratio: '1', priority: 2 },
            { item: 'C', ratio: '1.5', priority: 1 },
          ],
        },
      ],
    };
    const s = engineStructure(
      anInput({
        items,
        boms: new Map([
          ['B', bom([['C', '1']])],
          ['A', [withSubs]],
        ]),
      }),
    );
    // Items without a BOM have no versions; each parent's versions are its own run of numbers.
    expect([...s.verCount]).toEqual([1, 1, 0, 0, 0]);
    const a = s.verFirst[0]!;
    expect(linesOf(s, codes, a)).toEqual([
      { child: 'C', factor: 3, subs: [] },
      { child: 'D', factor: 0.25, subs: ['C', 'E'] },
    ]);
    expect(linesOf(s, codes, s.verFirst[1]!)).toEqual([{ child: 'C', factor: 1, subs: [] }]);
    // Planning order: parents before components, substitutes after what they stand in for.
    expect(s.order.map((i) => codes[i])).toEqual(['A', 'B', 'D', 'C', 'E']);
    // Scales widened through the factors (0.25 and 3.0 need 2 and 1 decimals) and the ratio.
    expect(s.scale).toEqual([0, 0, 2 + 1, 2, 2]);
  });

  it('finds the version effective on a day, unbounded ends included, or none', () => {
    const s = engineStructure(
      anInput({
        items,
        boms: new Map([
          [
            'A',
            [
              dated('V1', undefined, '2026-12-10', [['C', '1']]),
              dated('V2', '2026-12-11', '2026-12-20', [['D', '2']]),
            ],
          ],
          ['B', [dated('V1', '2026-12-05', undefined, [['E', '3']])]],
        ]),
      }),
    );
    const a = (date: string) => versionAt(s, 0, dayNumber(date));
    expect(a('2000-01-01')).toBe(s.verFirst[0]);
    expect(a('2026-12-10')).toBe(s.verFirst[0]);
    expect(a('2026-12-11')).toBe(s.verFirst[0]! + 1);
    expect(a('2026-12-21')).toBe(-1);
    expect(versionAt(s, 1, dayNumber('2026-12-04'))).toBe(-1);
    expect(versionAt(s, 1, dayNumber('2099-01-01'))).toBe(s.verFirst[1]);
    expect(versionAt(s, 2, dayNumber('2026-12-10'))).toBe(-1); // no BOM at all
  });

  it('leaves out a line whose factor overflows, noting its parent, and keeps the others', () => {
    const s = engineStructure(
      anInput({
        items,
        boms: new Map([
          [
            'A',
            bom([
              ['C', '1'],
              ['D', '12345678901234567'],
              ['E', '2'],
            ]),
          ],
        ]),
      }),
    );
    expect(linesOf(s, codes, s.verFirst[0]!).map((l) => l.child)).toEqual(['C', 'E']);
    expect(s.overflowed.map(([i, why]) => [codes[i], why])).toEqual([
      ['A', expect.stringContaining('D 的用量 12345678901234567')],
    ]);
  });

  it('refuses a component the items lack, saying where, and names a cycle', () => {
    expect(() =>
      engineStructure(anInput({ items, boms: new Map([['A', bom([['X', '1']])]]) })),
    ).toThrow('计划数据引用了不存在的物料：X（BOM A）');
    const loop = new Map([
      ['A', bom([['B', '1']])],
      ['B', bom([['P', '1']])],
      ['P', bom([['A', '1']])],
    ]);
    expect(() =>
      engineStructure(anInput({ items: [...items, phantomItem('P')], boms: loop })),
    ).toThrow(expect.objectContaining({ code: 'bom.cycle' }));
  });
});
