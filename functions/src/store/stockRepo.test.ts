import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { balanceRecord, moveRecord, stockDocumentRecord, stockRepo } from './stockRepo.js';

const repo = stockRepo({ db: undefined as never, tableName: 'T' }, 'ww1');
const ref = { item: 'RM1', warehouse: 'RM', status: 'available' as const, lot: '', trackingNo: '' };
const doc = {
  no: 'SR-1',
  kind: 'receipt' as const,
  date: '2026-12-01',
  postedAt: '2026-12-01T08:00:00.000Z',
  postedBy: 'admin',
};

describe('stock records', () => {
  it('stores a ledger move as before (a reversal negated, sorted after)', () => {
    const move = { ...ref, qty: '2.5', lineNo: 1, taskOrder: 'MO1', seq: 3 };
    for (const reversal of [false, true]) {
      const put = repo.movePut(move, doc, reversal).Put!;
      expect(put.ConditionExpression).toBe('attribute_not_exists(pk)');
      expect(put.Item).toEqual({
        pk: 'T#ww1#MOVE#RM1',
        sk: `2026-12-01T08:00:00.000Z#SR-1#00003${reversal ? '#R' : ''}`,
        type: 'move',
        ...ref,
        qty: NumberValue.from(reversal ? '-2.5' : '2.5'),
        docNo: 'SR-1',
        docKind: 'receipt',
        lineNo: 1,
        date: '2026-12-01',
        postedAt: '2026-12-01T08:00:00.000Z',
        taskOrder: 'MO1',
        ...(reversal ? { reversal: true } : {}),
      });
    }
  });

  it('reads moves and balances back with canonical quantities', () => {
    const stored = {
      ...repo.movePut({ ...ref, qty: '2.5', lineNo: 1, seq: 1 }, doc, true).Put!.Item,
      qty: '-2.50',
      lineNo: '1',
    };
    expect(moveRecord.read(stored)).toEqual({
      ...ref,
      qty: '-2.5',
      docNo: 'SR-1',
      docKind: 'receipt',
      lineNo: 1,
      date: '2026-12-01',
      postedAt: '2026-12-01T08:00:00.000Z',
      reversal: true,
    });
    const balance = {
      pk: 'T#ww1#BAL#RM1',
      sk: 'RM#available##',
      type: 'balance',
      ...ref,
      qty: '10.000',
      updatedAt: doc.postedAt,
    };
    expect(balanceRecord.read(balance)).toEqual({ ...ref, qty: '10', updatedAt: doc.postedAt });
    expect(balanceRecord.key('ww1', ref)).toEqual({ pk: balance.pk, sk: balance.sk });
    expect(() => balanceRecord.read({ ...balance, status: 'lost' })).toThrow(
      /stored balance at T#ww1#BAL#RM1 \/ RM#available## does not parse: status/,
    );
  });

  it('stores a small document as one item, as before, and reads it back', () => {
    const line = { ...ref, qty: '4', lineNo: 1 };
    const head = repo.documentPut({ ...doc, reason: 'purchase' }, [line], 'posted').Put!;
    expect(head).toEqual({
      TableName: 'T',
      Item: {
        pk: 'T#ww1#SDOC#SR-1',
        sk: '#',
        gsi1pk: 'T#ww1#SDOCS#receipt',
        gsi1sk: '2026-12-01T08:00:00.000Z#SR-1',
        type: 'stockDocument',
        ...doc,
        reason: 'purchase',
        status: 'posted',
        lineCount: 1,
        moves: [line],
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(stockDocumentRecord.read({ ...head.Item!, moves: [{ ...line, lineNo: '1' }] })).toEqual({
      ...doc,
      reason: 'purchase',
      status: 'posted',
      moves: [line],
    });
  });

  it("keeps a posting's progress on the head, and pages a large document", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => ({
      ...ref,
      item: `RM-${String(i).padStart(6, '0')}-${'x'.repeat(40)}`,
      qty: '1',
      lineNo: i + 1,
    }));
    const progress = { chunkCount: 2, chunkSize: 90, plan: [] };
    const { head, pages } = repo.documentWrites(doc, lines, 'posting', progress);
    const movePages = pages.filter((p) => String(p.sk).startsWith('M#')).length;
    expect(movePages).toBeGreaterThan(1);
    expect(head.Put!.Item).toMatchObject({
      status: 'posting',
      lineCount: 3000,
      movePages,
      planPages: pages.length - movePages,
      chunkCount: 2,
      chunksDone: 0,
      chunkSize: 90,
    });
    expect(head.Put!.Item!.moves).toBeUndefined();
  });
});
