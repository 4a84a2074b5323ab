import fc from 'fast-check';
import { AppError, type BomLine, type Qty, qty, toQtyString } from '@factory/shared';
import { decimals, fromScaled, isOverflow, scaledLineFactor } from '../mrp/scaled.js';
import { aLine, aPhantomStructure, arbDecimal, arbLossRate } from './builders.js';
import {
  flattenThrough,
  lineFactor,
  requirement,
  throughLines,
  traverse,
  walkBom,
} from './walk.js';

const text = (q: Qty) => toQtyString(q);

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

/** BOM lines per parent as the walk reads them. */
const linesOf =
  (boms: Record<string, Partial<BomLine>[]>) =>
  (parent: string): BomLine[] | undefined =>
    boms[parent]?.map((l) => aLine(l));

describe('requirement', () => {
  test('is Q × qtyPer × (1 + lossRate), exact', () => {
    // 3 × 0.1 × 1.1 is 0.33000000000000007 in floating point.
    expect(text(requirement('3', { qtyPer: '0.1', lossRate: '0.1' }))).toBe('0.33');
    expect(text(requirement(qty('70'), { qtyPer: '2.5', lossRate: '0.02' }))).toBe('178.5');
  });

  test('the line factor is qtyPer × (1 + lossRate)', () => {
    expect(text(lineFactor({ qtyPer: '2.5', lossRate: '0.02' }))).toBe('2.55');
    expect(text(lineFactor({ qtyPer: '4', lossRate: '0' }))).toBe('4');
  });

  test('law: lines through phantoms compose, requirement(Q, through(chain)) = level by level', () => {
    // Digits small enough that every product is exact (at most 40 significant digits).
    const line = fc.record({ qtyPer: arbDecimal(3, 3), lossRate: arbLossRate(3) });
    fc.assert(
      fc.property(arbDecimal(6, 3), fc.array(line, { minLength: 1, maxLength: 3 }), (q, chain) => {
        const levelByLevel = chain.reduce<Qty>((acc, l) => requirement(acc, l), qty(q));
        const exact = chain.reduce(
          (acc, l) => acc.times(l.qtyPer).times(qty(1).plus(l.lossRate)),
          qty(q),
        );
        expect(text(levelByLevel)).toBe(text(exact));
        expect(text(requirement(q, throughLines(chain)))).toBe(text(exact));
      }),
    );
  });

  test('law: MRP’s scaled factor is the walk’s line factor, or refuses (never rounds)', () => {
    const line = fc.record({ qtyPer: arbDecimal(12, 6), lossRate: arbLossRate(6) });
    fc.assert(
      fc.property(line, (l) => {
        let scaled: { value: number; scale: number };
        try {
          scaled = scaledLineFactor(l);
        } catch (err) {
          if (!isOverflow(err)) throw err;
          // Past 2^53 at its scale: MRP leaves the parent out with a notPlanned exception.
          const scale = decimals(l.qtyPer) + decimals(l.lossRate);
          expect(lineFactor(l).times(qty(10).pow(scale)).gt(Number.MAX_SAFE_INTEGER)).toBe(true);
          return;
        }
        expect(fromScaled(scaled.value, scaled.scale)).toBe(text(lineFactor(l)));
      }),
    );
  });
});

describe('walkBom', () => {
  const boms = linesOf({
    FG: [
      { component: 'PH', qtyPer: '2', lossRate: '0.5' },
      { component: 'RM1', qtyPer: '0.1', lossRate: '0.1' },
    ],
    PH: [
      { component: 'RM2', qtyPer: '3' },
      { component: 'RM1', qtyPer: '1' },
    ],
  });

  test('depth first, in line order, with each parent quantity’s requirement, level and path', () => {
    const seen: string[] = [];
    walkBom('FG', '10', boms, (s) => {
      seen.push(`${s.level} ${s.path.join('>')}>${s.line.component} ${text(s.qty)}`);
      return s.line.component === 'PH' ? s.qty : undefined;
    });
    expect(seen).toEqual(['1 FG>PH 30', '2 FG>PH>RM2 90', '2 FG>PH>RM1 30', '1 FG>RM1 1.1']);
  });

  test('the visitor decides what passes on (kitting passes what stock did not cover)', () => {
    const seen: string[] = [];
    walkBom('FG', '10', boms, (s) => {
      seen.push(`${s.line.component} ${text(s.qty)}`);
      return s.line.component === 'PH' ? s.qty.minus(25) : undefined;
    });
    expect(seen).toEqual(['PH 30', 'RM2 15', 'RM1 5', 'RM1 1.1']);
  });

  test('the phantom lines passed through are given outermost first', () => {
    const via: string[][] = [];
    walkBom('FG', '1', boms, (s) => {
      via.push(s.via.map((l) => l.component));
      return s.line.component === 'PH' ? s.qty : undefined;
    });
    expect(via).toEqual([[], ['PH'], ['PH'], []]);
  });

  test('a loop is bom.cycle naming its path, at the line that closes it', () => {
    const loop = linesOf({
      FG: [{ component: 'PH1' }],
      PH1: [{ component: 'RM1' }, { component: 'PH2' }],
      PH2: [{ component: 'PH1' }],
    });
    const e = thrown(() =>
      walkBom('FG', '1', loop, (s) => (s.line.component !== 'RM1' ? s.qty : undefined)),
    );
    expect(e.code).toBe('bom.cycle');
    expect(e.details).toEqual({ path: ['FG', 'PH1', 'PH2', 'PH1'] });
    expect(e.message).toBe('物料清单存在循环：FG > PH1 > PH2 > PH1');
  });

  test('a loop the walk does not enter is no error (a structure check finds it)', () => {
    const loop = linesOf({ FG: [{ component: 'SA' }], SA: [{ component: 'FG' }] });
    const seen: string[] = [];
    walkBom('FG', '1', loop, (s) => void seen.push(s.line.component));
    expect(seen).toEqual(['SA']);
  });

  test('a component reached again on another branch is no loop', () => {
    const diamond = linesOf({
      FG: [{ component: 'PH1' }, { component: 'PH2' }],
      PH1: [{ component: 'PH2' }],
      PH2: [{ component: 'RM1', qtyPer: '2' }],
    });
    const flat = flattenThrough('FG', diamond, (c) => c.startsWith('PH'));
    expect(flat.map((f) => `${f.path.join('>')} ${text(f.factor)}`)).toEqual([
      'FG>PH1>PH2 2',
      'FG>PH2 2',
    ]);
  });
});

describe('traverse', () => {
  test('walks any key type; a loop is named with the given names', () => {
    const lines = new Map<number, number[]>([
      [0, [1]],
      [1, [2]],
      [2, [1]],
    ]);
    const names = ['R', 'A', 'B'];
    const e = thrown(() =>
      traverse(
        0,
        true,
        { lines: (p) => lines.get(p), component: (c) => c, name: (i) => names[i]! },
        () => true,
      ),
    );
    expect(e.details).toEqual({ path: ['R', 'A', 'B', 'A'] });
  });
});

describe('flattenThrough', () => {
  test('law: each flattened line’s factor is its chain composed (throughLines)', () => {
    fc.assert(
      fc.property(aPhantomStructure(), (s) => {
        const flat = flattenThrough(
          s.root,
          (p) => s.boms.get(p),
          (c) => s.phantoms.includes(c),
        );
        for (const f of flat) {
          expect(s.phantoms.includes(f.line.component)).toBe(false);
          expect(text(f.factor)).toBe(text(lineFactor(throughLines([...f.via, f.line]))));
        }
      }),
    );
  });
});
