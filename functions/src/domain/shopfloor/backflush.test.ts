import { AppError } from '@factory/shared';
import { backflush } from './backflush.js';
import { aContext, aLine } from './builders.js';

describe('backflush', () => {
  it('issues received × qtyPer × (1 + loss), rounded up to the unit precision', () => {
    const ctx = aContext({ BOLT: {}, STEEL: { precision: 3 } });
    const out = backflush(
      '7',
      [
        aLine({ item: 'BOLT', qtyPer: '3', lossRate: '0.05' }),
        aLine({ item: 'STEEL', qtyPer: '0.1234', lossRate: '0.1', warehouse: 'LINE' }),
      ],
      ctx,
    );
    // 7 × 3 × 1.05 = 22.05 -> 23; 7 × 0.1234 × 1.1 = 0.95018 -> 0.951
    expect(out).toEqual([
      { item: 'BOLT', warehouse: 'RM', qty: '23' },
      { item: 'STEEL', warehouse: 'LINE', qty: '0.951' },
    ]);
  });

  it('leaves manual components alone', () => {
    const ctx = aContext({ BOLT: {}, NUT: {} });
    expect(
      backflush('5', [aLine({ item: 'BOLT', issueMethod: 'manual' }), aLine({ item: 'NUT' })], ctx),
    ).toEqual([{ item: 'NUT', warehouse: 'RM', qty: '5' }]);
  });

  it('passes through phantoms, multiplying the factors, and sums an item met twice', () => {
    const ctx = aContext(
      { BOLT: {}, NUT: {} },
      {
        PH: [
          aLine({ item: 'BOLT', qtyPer: '4', lossRate: '0.1', issueMethod: 'manual' }),
          aLine({ item: 'NUT', qtyPer: '2' }),
        ],
      },
    );
    const out = backflush(
      '3',
      [
        aLine({ item: 'PH', qtyPer: '2', lossRate: '0.5' }), // backflush: all its components
        aLine({ item: 'BOLT', qtyPer: '1' }),
      ],
      ctx,
    );
    // BOLT: 3 × (2 × 1.5 × 4 × 1.1 + 1) = 3 × 14.2 = 42.6 -> 43; NUT: 3 × 3 × 2 = 18
    expect(out).toEqual([
      { item: 'BOLT', warehouse: 'RM', qty: '43' },
      { item: 'NUT', warehouse: 'RM', qty: '18' },
    ]);
  });

  it('a backflush line inside a manual phantom is still backflushed, from the phantom line warehouse', () => {
    const ctx = aContext(
      { BOLT: {}, NUT: {} },
      { PH: [aLine({ item: 'BOLT', issueMethod: 'manual' }), aLine({ item: 'NUT' })] },
    );
    expect(
      backflush('2', [aLine({ item: 'PH', issueMethod: 'manual', warehouse: 'LINE' })], ctx),
    ).toEqual([{ item: 'NUT', warehouse: 'LINE', qty: '2' }]);
  });

  it('is exact with decimals (0.1 + 0.2 is 0.3)', () => {
    const ctx = aContext({ STEEL: { precision: 1 } });
    expect(
      backflush(
        '1',
        [aLine({ item: 'STEEL', qtyPer: '0.1' }), aLine({ item: 'STEEL', qtyPer: '0.2' })],
        ctx,
      ),
    ).toEqual([{ item: 'STEEL', warehouse: 'RM', qty: '0.3' }]);
  });

  it('refuses a backflush component without a warehouse and a phantom without a BOM', () => {
    const ctx = aContext({ BOLT: { defaultWarehouse: undefined } }, {});
    expect(() => backflush('1', [aLine({ item: 'BOLT' })], ctx)).toThrow(AppError);
    const noBom = aContext({ PH: { source: 'phantom' } });
    expect(() => backflush('1', [aLine({ item: 'PH' })], noBom)).toThrow(/虚拟件 PH/);
  });
});
