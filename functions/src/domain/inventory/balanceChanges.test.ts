import fc from 'fast-check';
import { type StockStatus, cmpQty, sumQty } from '@factory/shared';
import { aMove, aWarehouse, anItem, refs } from './builders.js';
import { type BalanceChange, balanceChanges, balanceId, postingOrder } from './index.js';

const r = () =>
  refs(
    anItem(),
    aWarehouse({ code: 'RM' }),
    aWarehouse({ code: 'FG' }),
    aWarehouse({ code: 'NEG', allowNegative: true }),
  );

describe('balanceChanges', () => {
  test('nets several lines of the same balance into one change', () => {
    const moves = [
      aMove({ lineNo: 1, qty: '-4' }),
      aMove({ lineNo: 2, qty: '-0.1' }),
      aMove({ lineNo: 3, qty: '-0.2' }),
    ];
    const changes = balanceChanges(moves, r());
    expect(changes).toHaveLength(1);
    expect(changes[0]).toEqual({
      ref: { item: 'RM1', warehouse: 'RM', status: 'available', lot: '', trackingNo: '' },
      delta: '-4.3',
      moves,
      guardNonNegative: true,
    });
  });

  test('keeps balances apart by warehouse, status, lot and tracking number, in order of first appearance', () => {
    const moves = [
      aMove({ warehouse: 'FG' }),
      aMove(),
      aMove({ status: 'inspection' }),
      aMove({ lot: 'L1' }),
      aMove({ trackingNo: 'SO-1' }),
      aMove({ warehouse: 'FG', qty: '2' }),
    ];
    const changes = balanceChanges(moves, r());
    expect(
      changes.map((c) => [c.ref.warehouse, c.ref.status, c.ref.lot, c.ref.trackingNo, c.delta]),
    ).toEqual([
      ['FG', 'available', '', '', '3'],
      ['RM', 'available', '', '', '1'],
      ['RM', 'inspection', '', '', '1'],
      ['RM', 'available', 'L1', '', '1'],
      ['RM', 'available', '', 'SO-1', '1'],
    ]);
  });

  test('the ref holds only the balance identity, not line fields', () => {
    const [change] = balanceChanges(
      [aMove({ unitCost: { amount: 1, scale: 2, currency: 'CNY' }, lineNo: 7 })],
      r(),
    );
    expect(Object.keys(change!.ref).sort()).toEqual([
      'item',
      'lot',
      'status',
      'trackingNo',
      'warehouse',
    ]);
  });

  test.each([
    ['a decrement in a normal warehouse', 'RM', ['-1'], true],
    ['a decrement in a warehouse that allows negative', 'NEG', ['-1'], false],
    ['an increment', 'RM', ['1'], false],
    ['a net increment of mixed moves', 'RM', ['-2', '3'], false],
    ['a net decrement of mixed moves', 'RM', ['2', '-3'], true],
    ['moves that cancel out', 'RM', ['-2', '2'], false],
    ['a decrement in a warehouse missing from the references', 'GONE', ['-1'], true],
  ])('guardNonNegative for %s', (_label, warehouse, quantities, guarded) => {
    const [change] = balanceChanges(
      quantities.map((q) => aMove({ warehouse, qty: q })),
      r(),
    );
    expect(change!.guardNonNegative).toBe(guarded);
  });

  test('cancelling moves net to exactly "0"', () => {
    const [change] = balanceChanges(
      [aMove({ qty: '-0.3' }), aMove({ qty: '0.1' }), aMove({ qty: '0.2' })],
      r(),
    );
    expect(change!.delta).toBe('0');
  });

  test('a transfer line becomes a guarded decrement and an unguarded increment', () => {
    const changes = balanceChanges(
      [aMove({ qty: '-3' }), aMove({ warehouse: 'FG', qty: '3' })],
      r(),
    );
    expect(changes.map((c) => [c.ref.warehouse, c.delta, c.guardNonNegative])).toEqual([
      ['RM', '-3', true],
      ['FG', '3', false],
    ]);
  });

  test('carries an expected balance only to the balance it was read for', () => {
    const counted = balanceId(aMove());
    const changes = balanceChanges(
      [aMove({ qty: '-1' }), aMove({ lot: 'L1', qty: '1' })],
      r(),
      new Map([[counted, '5']]),
    );
    expect(changes[0]!.expected).toBe('5');
    expect(changes[1]).not.toHaveProperty('expected');
  });

  test('no moves, no changes', () => {
    expect(balanceChanges([], r())).toEqual([]);
  });
});

describe('postingOrder', () => {
  const change = (name: string, guardNonNegative: boolean): BalanceChange => ({
    ref: { item: name, warehouse: 'RM', status: 'available', lot: '', trackingNo: '' },
    delta: guardNonNegative ? '-1' : '1',
    moves: [],
    guardNonNegative,
  });

  test('puts guarded decrements first and keeps the order within each group', () => {
    const input = [change('a', false), change('b', true), change('c', false), change('d', true)];
    expect(postingOrder(input).map((c) => c.ref.item)).toEqual(['b', 'd', 'a', 'c']);
  });

  test('does not change its input', () => {
    const input = [change('a', false), change('b', true)];
    postingOrder(input);
    expect(input.map((c) => c.ref.item)).toEqual(['a', 'b']);
  });
});

describe('properties', () => {
  const STATUSES: StockStatus[] = ['available', 'inspection', 'rejected'];
  const quantity = fc
    .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 3 }))
    .map(([n, places]) => {
      const text = (Math.abs(n) / 10 ** places).toFixed(places);
      return n < 0 ? `-${text}` : text;
    });
  const move = fc.record({
    item: fc.constantFrom('RM1', 'RM2'),
    warehouse: fc.constantFrom('RM', 'FG', 'NEG'),
    status: fc.constantFrom(...STATUSES),
    lot: fc.constantFrom('', 'L1'),
    trackingNo: fc.constantFrom('', 'SO-1'),
    lineNo: fc.integer({ min: 1, max: 50 }),
    qty: quantity,
  });

  test('per balance, the delta is the sum of its move quantities, and every move is kept once', () => {
    fc.assert(
      fc.property(fc.array(move, { maxLength: 80 }), (moves) => {
        const changes = balanceChanges(moves, r());
        const expected = new Map<string, string[]>();
        for (const m of moves)
          expected.set(balanceId(m), [...(expected.get(balanceId(m)) ?? []), m.qty]);

        expect(changes.map((c) => balanceId(c.ref))).toEqual([...expected.keys()]);
        for (const c of changes) {
          expect(c.delta).toBe(sumQty(expected.get(balanceId(c.ref))!));
          expect(c.moves.every((m) => balanceId(m) === balanceId(c.ref))).toBe(true);
          expect(c.guardNonNegative).toBe(cmpQty(c.delta, '0') < 0 && c.ref.warehouse !== 'NEG');
        }
        expect(changes.flatMap((c) => c.moves)).toHaveLength(moves.length);
        expect(sumQty(changes.map((c) => c.delta))).toBe(sumQty(moves.map((m) => m.qty)));
      }),
    );
  });

  test('postingOrder is a permutation with every guarded change before every unguarded one', () => {
    fc.assert(
      fc.property(fc.array(move, { maxLength: 80 }), (moves) => {
        const changes = balanceChanges(moves, r());
        const ordered = postingOrder(changes);
        expect(new Set(ordered)).toEqual(new Set(changes));
        expect(ordered).toHaveLength(changes.length);
        const firstUnguarded = ordered.findIndex((c) => !c.guardNonNegative);
        if (firstUnguarded >= 0)
          expect(ordered.slice(firstUnguarded).every((c) => !c.guardNonNegative)).toBe(true);
      }),
    );
  });
});
