import { ALL_ITEMS, marking, markPuts } from './mrpMarks.js';
import { orderMarkRecord, planningMarkRecord } from './mrpMarksRepo.js';

const items = (puts: ReturnType<typeof markPuts>) =>
  puts?.map((p) => `${String(p.Put!.Item!.pk)}|${String(p.Put!.Item!.sk)}`);

describe('planning marks', () => {
  it('one row per tenant and item, in the mark partition, one token per transaction', () => {
    const puts = markPuts(
      'T',
      [
        marking('t1', ['FG', 'RM', undefined, '']).marks,
        marking('t1', ['RM']).marks,
        marking('t2', ['FG']).marks,
      ],
      10,
    )!;
    expect(items(puts)).toEqual(['T#t1#MRPMARK|FG', 'T#t1#MRPMARK|RM', 'T#t2#MRPMARK|FG']);
    const tokens = new Set(puts.map((p) => p.Put!.Item!.token));
    expect(tokens.size).toBe(1);
    expect(planningMarkRecord.read(puts[0]!.Put!.Item!)).toEqual({
      item: 'FG',
      token: [...tokens][0],
    });
    // Unconditional: marking an item again only gives it a new token.
    expect(puts[0]!.Put!.ConditionExpression).toBeUndefined();
  });

  it('a new token each time, so a run clears only the marks it read', () => {
    const once = markPuts('T', [marking('t1', ['FG']).marks], 1)!;
    const again = markPuts('T', [marking('t1', ['FG']).marks], 1)!;
    expect(once[0]!.Put!.Item!.token).not.toBe(again[0]!.Put!.Item!.token);
  });

  it('marks every item (*) when the items do not fit beside the transaction, nothing when nothing fits', () => {
    const requests = [marking('t1', ['A', 'B', 'C']).marks];
    expect(items(markPuts('T', requests, 2))).toEqual([`T#t1#MRPMARK|${ALL_ITEMS}`]);
    expect(markPuts('T', requests, 0)).toBeUndefined();
    expect(markPuts('T', [marking('t1', []).marks], 0)).toEqual([]);
  });

  it("one order mark per order written, with the transaction's token, beside the item marks", () => {
    const puts = markPuts(
      'T',
      [
        { ...marking('t1', ['FG']).marks, order: 'T#t1#SO#1' },
        { tenant: 't1', items: [], order: 'T#t1#PO#7' },
        { tenant: 't1', items: [], order: 'T#t1#SO#1' },
      ],
      3,
    )!;
    expect(items(puts)).toEqual([
      'T#t1#MRPMARK|FG',
      'T#t1#MRPMARKO|T#t1#SO#1',
      'T#t1#MRPMARKO|T#t1#PO#7',
    ]);
    expect(new Set(puts.map((p) => p.Put!.Item!.token)).size).toBe(1);
    expect(orderMarkRecord.read(puts[1]!.Put!.Item!)).toEqual({
      order: 'T#t1#SO#1',
      token: puts[0]!.Put!.Item!.token,
    });
  });

  it('order marks count towards the room: when they do not fit, one * mark takes every place', () => {
    const requests = [
      { ...marking('t1', ['FG']).marks, order: 'T#t1#SO#1' },
      { tenant: 't1', items: [], order: 'T#t1#PO#7' },
    ];
    expect(items(markPuts('T', requests, 2))).toEqual([`T#t1#MRPMARK|${ALL_ITEMS}`]);
    // An order written without item marks: its order mark alone.
    expect(items(markPuts('T', [{ tenant: 't1', items: [], order: 'T#t1#MO#3' }], 1))).toEqual([
      'T#t1#MRPMARKO|T#t1#MO#3',
    ]);
  });
});
