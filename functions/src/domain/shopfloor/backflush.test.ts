import { AppError } from '@factory/shared';
import { computeNeeds } from '../issue/index.js';
import { aContext as aBomContext, aLine as aBomLine } from '../issue/builders.js';
import { addConsumed, backflush } from './backflush.js';
import { aLine, itemFacts } from './builders.js';
import type { BackflushConsumed, ComponentFacts, ComponentLine } from './types.js';

/** The lines of one receipt of `received` on an order that had received nothing. */
const once = (
  received: string,
  needs: readonly ComponentLine[],
  items: (code: string) => ComponentFacts | undefined,
) => backflush({ before: '0', after: received, opening: '0', consumed: [] }, needs, items).lines;

describe('backflush', () => {
  it('issues received × qtyPer × (1 + loss), rounded up to the unit precision', () => {
    const items = itemFacts({ BOLT: {}, STEEL: { precision: 3 } });
    const out = once(
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
      once('5', [aLine({ item: 'BOLT', issueMethod: 'manual' }), aLine({ item: 'NUT' })], items),
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
    expect(once('3', needs, itemFacts({ BOLT: {}, NUT: {} }))).toEqual([
      { item: 'BOLT', warehouse: 'RM', qty: '43' },
      { item: 'NUT', warehouse: 'RM', qty: '18' },
    ]);
  });

  it('a backflush line inside a manual phantom is still backflushed, from the phantom line warehouse', () => {
    const needs = needsOf({
      FAN: [aBomLine('PH', '1', { warehouse: 'LINE' })],
      PH: [aBomLine('BOLT', '1'), aBomLine('NUT', '1', { issueMethod: 'backflush' })],
    });
    expect(once('2', needs, itemFacts({ BOLT: {}, NUT: {} }))).toEqual([
      { item: 'NUT', warehouse: 'LINE', qty: '2' },
    ]);
  });

  it('is exact with decimals (0.1 + 0.2 is 0.3)', () => {
    const items = itemFacts({ STEEL: { precision: 1 } });
    expect(
      once(
        '1',
        [aLine({ item: 'STEEL', qtyPer: '0.1' }), aLine({ item: 'STEEL', qtyPer: '0.2' })],
        items,
      ),
    ).toEqual([{ item: 'STEEL', warehouse: 'RM', qty: '0.3' }]);
  });

  it('takes MTO components from their tracking number, apart from the pool', () => {
    expect(
      once(
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
    expect(() => once('1', [aLine({ item: 'BOLT' })], noWarehouse)).toThrow(AppError);
    // A phantom whose BOM was missing stays a need of its own: it cannot be backflushed.
    const needs = needsOf({ FAN: [aBomLine('PH', '1', { issueMethod: 'backflush' })] });
    expect(needs.map((n) => n.item)).toEqual(['PH']);
    expect(() => once('1', needs, itemFacts({ PH: { source: 'phantom' } }))).toThrow(/虚拟件 PH/);
  });
});

describe('backflush is cumulative', () => {
  // 1 per product with 1.25 % loss: one receipt of 60 needs 60.75 -> 61.
  const needs = [aLine({ item: 'BOLT', qtyPer: '1', lossRate: '0.0125' })];
  const items = itemFacts({ BOLT: {} });

  /** Receipts one after another on an order, each seeing what the earlier ones consumed. */
  function receive(quantities: string[], opening = '0', consumed: BackflushConsumed[] = []) {
    let received = opening;
    const posted: string[] = [];
    for (const q of quantities) {
      const after = (Number(received) + Number(q)).toString();
      const out = backflush({ before: received, after, opening, consumed }, needs, items);
      posted.push(out.lines.map((l) => l.qty).join(',') || '0');
      consumed = out.consumed;
      received = after;
    }
    return { posted, consumed };
  }

  it('three receipts of 20 consume what one of 60 does (61, not 3 × 21 = 63)', () => {
    expect(receive(['60']).posted).toEqual(['61']);
    const three = receive(['20', '20', '20']);
    // 20.25 -> 21; 40.5 -> 41, less 21; 60.75 -> 61, less 41.
    expect(three.posted).toEqual(['21', '20', '20']);
    expect(three.consumed).toEqual([{ item: 'BOLT', warehouse: 'RM', qty: '61' }]);
  });

  it("counts an order's opening received as already consumed", () => {
    // Imported with 20 received: the next 40 consume ⌈60.75⌉ − ⌈20.25⌉ = 61 − 21 = 40.
    expect(receive(['40'], '20').posted).toEqual(['40']);
    expect(receive(['20', '20'], '20').posted).toEqual(['20', '20']);
  });

  it('keeps an item met on several needs and warehouses apart per balance', () => {
    const two = [
      aLine({ item: 'BOLT', qtyPer: '0.5', lossRate: '0.0125' }),
      aLine({ item: 'BOLT', qtyPer: '0.5', lossRate: '0.0125' }),
      aLine({ item: 'BOLT', qtyPer: '0.3', warehouse: 'LINE' }),
    ];
    let consumed: BackflushConsumed[] = [];
    const posted: string[][] = [];
    for (const [before, after] of [
      ['0', '20'],
      ['20', '40'],
      ['40', '60'],
    ] as const) {
      const out = backflush({ before, after, opening: '0', consumed }, two, items);
      posted.push(out.lines.map((l) => `${l.warehouse}:${l.qty}`));
      consumed = out.consumed;
    }
    // RM: 21, 20, 20 (= ⌈60.75⌉); LINE: 6, 6, 6 (= 18).
    expect(posted).toEqual([
      ['RM:21', 'LINE:6'],
      ['RM:20', 'LINE:6'],
      ['RM:20', 'LINE:6'],
    ]);
  });

  it('makes good what an earlier receipt consumed beyond the rule', () => {
    // Receipts before the rule took 63 for 60: the next 20 take ⌈81⌉ − 63 = 18.
    const out = backflush(
      {
        before: '60',
        after: '80',
        opening: '0',
        consumed: [{ item: 'BOLT', warehouse: 'RM', qty: '63' }],
      },
      needs,
      items,
    );
    expect(out.lines).toEqual([{ item: 'BOLT', warehouse: 'RM', qty: '18' }]);
    // A receipt never gives stock back, even when more was consumed than the rule says.
    const none = backflush(
      {
        before: '60',
        after: '61',
        opening: '0',
        consumed: [{ item: 'BOLT', warehouse: 'RM', qty: '70' }],
      },
      needs,
      items,
    );
    expect(none.lines).toEqual([]);
    expect(none.consumed).toEqual([{ item: 'BOLT', warehouse: 'RM', qty: '70' }]);
  });

  it('a reversal gives back down to what the remaining receipts consume, never more', () => {
    const { consumed } = receive(['20', '20', '20']);
    // 60 -> 40 received: back to ⌈40.5⌉ = 41, so 20 come back; then to 0: the other 41.
    const back = backflush({ before: '60', after: '40', opening: '0', consumed }, needs, items);
    expect(back.lines).toEqual([{ item: 'BOLT', warehouse: 'RM', qty: '-20' }]);
    expect(back.consumed).toEqual([{ item: 'BOLT', warehouse: 'RM', qty: '41' }]);
    const all = backflush(
      { before: '40', after: '0', opening: '0', consumed: back.consumed },
      needs,
      items,
    );
    expect(all.lines).toEqual([{ item: 'BOLT', warehouse: 'RM', qty: '-41' }]);
    expect(all.consumed).toEqual([]);
    // Received again after the reversal: the rule holds from where it stands.
    const again = backflush(
      { before: '40', after: '60', opening: '0', consumed: back.consumed },
      needs,
      items,
    );
    expect(again.lines).toEqual([{ item: 'BOLT', warehouse: 'RM', qty: '20' }]);
    // Below the opening quantity nothing more than the receipts consumed comes back.
    const opening = backflush(
      {
        before: '30',
        after: '5',
        opening: '20',
        consumed: [{ item: 'BOLT', warehouse: 'RM', qty: '10' }],
      },
      needs,
      items,
    );
    expect(opening.lines).toEqual([{ item: 'BOLT', warehouse: 'RM', qty: '-10' }]);
  });
});

describe('addConsumed', () => {
  it("adds a finished posting's backflush lines per balance (a resumed chunked receipt)", () => {
    expect(
      addConsumed(
        [
          { item: 'BOLT', warehouse: 'RM', qty: '21' },
          { item: 'CHIP', warehouse: 'RM', trackingNo: 'SO-9', qty: '2' },
        ],
        [
          { item: 'BOLT', warehouse: 'RM', qty: '20' },
          { item: 'CHIP', warehouse: 'RM', qty: '1' },
          { item: 'CHIP', warehouse: 'RM', trackingNo: 'SO-9', qty: '-2' },
        ],
      ),
    ).toEqual([
      { item: 'BOLT', warehouse: 'RM', qty: '41' },
      { item: 'CHIP', warehouse: 'RM', qty: '1' },
    ]);
  });
});
