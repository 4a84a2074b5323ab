import { passRates, paretoDefects, type PassRateFact } from './reports.js';

const aFact = (overrides: Partial<PassRateFact> = {}): PassRateFact => ({
  item: 'STEEL',
  partner: 'S1',
  date: '2026-11-20',
  accepted: '95',
  rejected: '5',
  defects: [{ code: 'SCRATCH', qty: '3' }],
  ...overrides,
});

describe('passRates', () => {
  const facts = [
    aFact(),
    // 2 of the 10 rejected were conceded: still rejected in the rate, shown apart.
    aFact({ date: '2026-12-01', accepted: '90', rejected: '10', conceded: '2' }),
    aFact({ item: 'BOLT', partner: 'S2', date: '2026-12-31', accepted: '0.2', rejected: '0.1' }),
    // Production receipt: no supplier.
    aFact({ item: 'FG', partner: undefined, accepted: '7', rejected: '0' }),
    // A reversed result and its reversal count nowhere.
    aFact({ accepted: '1000', rejected: '0', reversed: true }),
  ];

  test('per supplier: accepted ÷ (accepted + rejected), conceded apart', () => {
    expect(passRates(facts, 'supplier')).toEqual([
      // (95 + 90) / 200 = 0.925
      {
        key: 'S1',
        inspected: '200',
        accepted: '185',
        rejected: '15',
        conceded: '2',
        passRate: '0.925',
      },
      // 0.2 / 0.3 = 0.66666… -> 0.6667
      {
        key: 'S2',
        inspected: '0.3',
        accepted: '0.2',
        rejected: '0.1',
        conceded: '0',
        passRate: '0.6667',
      },
    ]);
  });

  test('per item and per month, in key order', () => {
    expect(passRates(facts, 'item').map((r) => [r.key, r.passRate])).toEqual([
      ['BOLT', '0.6667'],
      ['FG', '1'],
      ['STEEL', '0.925'],
    ]);
    expect(passRates(facts, 'month').map((r) => [r.key, r.inspected, r.passRate])).toEqual([
      // 95 + 7 = 102 of 107 -> 0.95327… -> 0.9533
      ['2026-11', '107', '0.9533'],
      // 90.2 of 100.3 -> 0.89930… -> 0.8993
      ['2026-12', '100.3', '0.8993'],
    ]);
  });

  test('nothing inspected: no rate', () => {
    expect(passRates([aFact({ accepted: '0', rejected: '0' })], 'item')[0]!.passRate).toBeNull();
    expect(passRates([], 'month')).toEqual([]);
  });
});

describe('paretoDefects', () => {
  test('largest first, ties by code, shares and running shares', () => {
    const rows = paretoDefects([
      aFact({
        defects: [
          { code: 'SCRATCH', qty: '3' },
          { code: 'DIM', qty: '1.5' },
        ],
      }),
      aFact({
        defects: [
          { code: 'RUST', qty: '1.5' },
          { code: 'SCRATCH', qty: '2' },
        ],
      }),
      aFact({ defects: [{ code: 'DIM', qty: '99' }], reversed: true }),
    ]);
    // Total 8: SCRATCH 5 (0.625), DIM 1.5 (0.1875), RUST 1.5 (0.1875).
    expect(rows).toEqual([
      { code: 'SCRATCH', qty: '5', share: '0.625', cumulative: '0.625' },
      { code: 'DIM', qty: '1.5', share: '0.1875', cumulative: '0.8125' },
      { code: 'RUST', qty: '1.5', share: '0.1875', cumulative: '1' },
    ]);
  });

  test('no defects: no rows', () => {
    expect(paretoDefects([aFact({ defects: [] })])).toEqual([]);
  });
});
