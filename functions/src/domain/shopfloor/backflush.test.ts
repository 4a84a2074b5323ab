import { AppError } from '@factory/shared';
import { computeNeeds } from '../issue/index.js';
import { aContext as aBomContext, aLine as aBomLine } from '../issue/builders.js';
import { backflush } from './backflush.js';
import { aLine, itemFacts } from './builders.js';

describe('backflush', () => {
  it('issues received × qtyPer × (1 + loss), rounded up to the unit precision', () => {
    const items = itemFacts({ BOLT: {}, STEEL: { precision: 3 } });
    const out = backflush(
      '7',
      [
        aLine({ item: 'BOLT', qtyPer: '3', lossRate: '0.05' }),
        aLine({ item: 'STEEL', qtyPer: '0.1234', lossRate: '0.1', warehouse: 'LINE' }),
      ],
      items,
    );
    // 7 × 3 × 1.05 = 22.05 -> 23; 7 × 0.1234 × 1.1 = 0.95018 -> 0.951
    expect(out).toEqual([
      { item: 'BOLT', warehouse: 'RM', qty: '23' },
      { item: 'STEEL', warehouse: 'LINE', qty: '0.951' },
    ]);
  });

  it('leaves manual components alone', () => {
    const items = itemFacts({ BOLT: {}, NUT: {} });
    expect(
      backflush(
        '5',
        [aLine({ item: 'BOLT', issueMethod: 'manual' }), aLine({ item: 'NUT' })],
        items,
      ),
    ).toEqual([{ item: 'NUT', warehouse: 'RM', qty: '5' }]);
  });

  // The needs come from the one phantom expansion (computeNeeds); backflush only scales them.
  const needsOf = (lines: Record<string, ReturnType<typeof aBomLine>[]>, qty = '1') =>
    computeNeeds(
      'FAN',
      qty,
      aBomContext(
        { FAN: { source: 'manufactured' }, PH: { source: 'phantom' }, BOLT: {}, NUT: {} },
        lines,
      ),
    );

  it('passes through phantoms, multiplying the factors, and sums an item met twice', () => {
    const needs = needsOf({
      FAN: [
        aBomLine('PH', '2', { lossRate: '0.5', issueMethod: 'backflush' }), // all its components
        aBomLine('BOLT', '1', { issueMethod: 'backflush' }),
      ],
      PH: [aBomLine('BOLT', '4', { lossRate: '0.1' }), aBomLine('NUT', '2')],
    });
    // BOLT: 3 × (2 × 1.5 × 4 × 1.1 + 1) = 3 × 14.2 = 42.6 -> 43; NUT: 3 × 3 × 2 = 18
    expect(backflush('3', needs, itemFacts({ BOLT: {}, NUT: {} }))).toEqual([
      { item: 'BOLT', warehouse: 'RM', qty: '43' },
      { item: 'NUT', warehouse: 'RM', qty: '18' },
    ]);
  });

  it('a backflush line inside a manual phantom is still backflushed, from the phantom line warehouse', () => {
    const needs = needsOf({
      FAN: [aBomLine('PH', '1', { warehouse: 'LINE' })],
      PH: [aBomLine('BOLT', '1'), aBomLine('NUT', '1', { issueMethod: 'backflush' })],
    });
    expect(backflush('2', needs, itemFacts({ BOLT: {}, NUT: {} }))).toEqual([
      { item: 'NUT', warehouse: 'LINE', qty: '2' },
    ]);
  });

  it('is exact with decimals (0.1 + 0.2 is 0.3)', () => {
    const items = itemFacts({ STEEL: { precision: 1 } });
    expect(
      backflush(
        '1',
        [aLine({ item: 'STEEL', qtyPer: '0.1' }), aLine({ item: 'STEEL', qtyPer: '0.2' })],
        items,
      ),
    ).toEqual([{ item: 'STEEL', warehouse: 'RM', qty: '0.3' }]);
  });

  it('takes MTO components from their tracking number, apart from the pool', () => {
    expect(
      backflush(
        '2',
        [aLine({ item: 'CHIP', trackingNo: 'SO-9' }), aLine({ item: 'CHIP' })],
        itemFacts({ CHIP: {} }),
      ),
    ).toEqual([
      { item: 'CHIP', warehouse: 'RM', qty: '2', trackingNo: 'SO-9' },
      { item: 'CHIP', warehouse: 'RM', qty: '2' },
    ]);
  });

  it('refuses a backflush component without a warehouse and a phantom without a BOM', () => {
    const noWarehouse = itemFacts({ BOLT: { defaultWarehouse: undefined } });
    expect(() => backflush('1', [aLine({ item: 'BOLT' })], noWarehouse)).toThrow(AppError);
    // A phantom whose BOM was missing stays a need of its own: it cannot be backflushed.
    const needs = needsOf({ FAN: [aBomLine('PH', '1', { issueMethod: 'backflush' })] });
    expect(needs.map((n) => n.item)).toEqual(['PH']);
    expect(() => backflush('1', needs, itemFacts({ PH: { source: 'phantom' } }))).toThrow(
      /虚拟件 PH/,
    );
  });
});
