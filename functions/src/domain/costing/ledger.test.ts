import type { LedgerDocument } from './ledger.js';
import { costMovesOf, inLedgerOrder } from './ledger.js';

const cny = (amount: number, scale = 2) => ({ amount, scale, currency: 'CNY' as const });
const line = (item: string, q: string, lineNo = 1, extra: Record<string, unknown> = {}) => ({
  item,
  warehouse: 'RM',
  status: 'available' as const,
  lot: '',
  trackingNo: '',
  qty: q,
  lineNo,
  ...extra,
});
const doc = (over: Partial<LedgerDocument>): LedgerDocument => ({
  no: 'RC-1',
  kind: 'receipt',
  date: '2026-11-03',
  moves: [],
  ...over,
});
const kinds = (d: LedgerDocument) =>
  costMovesOf(d).map((m) => [m.kind, m.qty, m.order ?? null, m.price ?? m.value ?? null]);

describe('costMovesOf', () => {
  test("an opening balance is no move of costing: costing's opening carries it with its value", () => {
    expect(
      kinds(doc({ reason: 'opening', moves: [line('RM1', '100', 1, { unitCost: cny(500) })] })),
    ).toEqual([]);
  });

  test('a purchase receipt comes in at its unit cost; a return to the supplier goes back at it', () => {
    expect(
      kinds(doc({ reason: 'purchase', moves: [line('RM1', '50', 1, { unitCost: cny(1100) })] })),
    ).toEqual([['purchase', '50', null, '11.00']]);
    expect(
      kinds(
        doc({
          kind: 'issue',
          reason: 'purchaseReturn',
          moves: [line('RM1', '-2', 1, { unitCost: cny(1234567, 6) })],
        }),
      ),
    ).toEqual([['purchase', '-2', null, '1.234567']]);
  });

  test('a production receipt: the product is output, backflushed lines consumption', () => {
    const d = doc({
      reason: 'production',
      ref: 'MO-1',
      moves: [
        line('FG1', '10', 1, { taskOrder: 'MO-1' }),
        line('BOLT', '-10', 2, { taskOrder: 'MO-1' }),
      ],
    });
    expect(kinds(d)).toEqual([
      ['output', '10', 'MO-1', null],
      ['consume', '-10', 'MO-1', null],
    ]);
  });

  test('an outsourcing receipt names its order by ref; a product return takes output back', () => {
    const d = doc({
      reason: 'outsourcing',
      ref: 'WX-1',
      moves: [line('SA1', '100'), line('RM1', '-20', 2)],
    });
    expect(kinds(d)).toEqual([
      ['output', '100', 'WX-1', null],
      ['consume', '-20', 'WX-1', null],
    ]);
    expect(
      kinds(
        doc({
          kind: 'issue',
          reason: 'outsourcingReturn',
          ref: 'WX-1',
          moves: [line('SA1', '-5')],
        }),
      ),
    ).toEqual([['output', '-5', 'WX-1', null]]);
  });

  test('issues to and returns from a task order are its net issues', () => {
    expect(
      kinds(
        doc({
          kind: 'issue',
          reason: 'production',
          moves: [line('RM1', '-30', 1, { taskOrder: 'MO-1' })],
        }),
      ),
    ).toEqual([['issue', '-30', 'MO-1', null]]);
    expect(
      kinds(doc({ reason: 'return', moves: [line('RM1', '2', 1, { taskOrder: 'MO-1' })] })),
    ).toEqual([['issue', '2', 'MO-1', null]]);
  });

  test('deliveries and customers’ returns, scrap, counts, transfers, adjustments, others', () => {
    expect(kinds(doc({ kind: 'issue', reason: 'sales', moves: [line('FG1', '-4')] }))).toEqual([
      ['delivery', '-4', null, null],
    ]);
    expect(kinds(doc({ reason: 'return', ref: 'DN-1', moves: [line('FG1', '1')] }))).toEqual([
      ['delivery', '1', null, null],
    ]);
    expect(kinds(doc({ kind: 'issue', reason: 'scrap', moves: [line('RM1', '-1')] }))).toEqual([
      ['scrap', '-1', null, null],
    ]);
    expect(kinds(doc({ kind: 'adjustment', moves: [line('RM1', '-3')] }))).toEqual([
      ['count', '-3', null, null],
    ]);
    expect(kinds(doc({ kind: 'transfer', moves: [line('RM1', '-3'), line('RM1', '3')] }))).toEqual([
      ['transfer', '-3', null, null],
      ['transfer', '3', null, null],
    ]);
    expect(
      kinds(doc({ reason: 'costAdjustment', moves: [line('SA1', '0', 1, { value: cny(-2000) })] })),
    ).toEqual([['adjustment', '0', null, '-20.00']]);
    expect(kinds(doc({ reason: 'other', moves: [line('RM1', '1')] }))).toEqual([
      ['other', '1', null, null],
    ]);
  });

  test('customer-supplied stock is not ours: left out', () => {
    expect(
      kinds(
        doc({
          kind: 'issue',
          reason: 'production',
          moves: [
            line('CS1', '-5', 1, { taskOrder: 'MO-1', customer: 'C1' }),
            line('RM1', '-1', 2, { taskOrder: 'MO-1' }),
          ],
        }),
      ),
    ).toEqual([['issue', '-1', 'MO-1', null]]);
  });
});

test('inLedgerOrder sorts by date, document number as a plain string, then line', () => {
  const m = (date: string, d: string, l: number) =>
    ({ item: 'X', qty: '1', kind: 'other', date, doc: d, line: l }) as const;
  expect(
    inLedgerOrder([
      m('2026-11-02', 'B', 1),
      m('2026-11-01', 'C', 2),
      m('2026-11-02', 'A-10', 2),
      m('2026-11-02', 'A-10', 1),
      m('2026-11-02', 'A-9', 1),
    ]).map((x) => `${x.date} ${x.doc}/${x.line}`),
  ).toEqual([
    '2026-11-01 C/2',
    '2026-11-02 A-10/1',
    '2026-11-02 A-10/2',
    '2026-11-02 A-9/1',
    '2026-11-02 B/1',
  ]);
});
