import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { balanceRecord, moveRecord, stockRepo } from './stockRepo.js';

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
});
