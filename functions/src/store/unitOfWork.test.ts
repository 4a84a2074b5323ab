import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AppError } from '@factory/shared';
import type { Deps } from '../deps.js';
import { TransactionConflictError } from './conflicts.js';
import type { TxItem } from './transact.js';
import { tableUnitOfWork } from './unitOfWork.js';

const put = (pk: string, extra: Partial<TxItem> = {}): TxItem => ({
  Put: {
    TableName: 'factory',
    Item: { pk, sk: '#' },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
  ...extra,
});

/** A table client that answers each TransactWrite with the next of `answers`. */
function tableAnswering(answers: (() => unknown)[]) {
  const sent: TransactWriteCommand[] = [];
  const db = {
    send: async (command: unknown) => {
      if (!(command instanceof TransactWriteCommand)) throw new Error('unexpected command');
      sent.push(command);
      const next = answers.shift();
      return next ? next() : {};
    },
  };
  return { deps: { db, tableName: 'factory' } as unknown as Pick<Deps, 'db' | 'tableName'>, sent };
}

const conflict = () => {
  throw Object.assign(new Error('cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'TransactionConflict' }],
  });
};
const conditionFailed = () => {
  throw Object.assign(new Error('cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'ConditionalCheckFailed' }],
  });
};

describe('tableUnitOfWork.commit', () => {
  it('notes every order the transaction writes (an order mark), marked or not, and no other record', async () => {
    const { deps, sent } = tableAnswering([]);
    await tableUnitOfWork(deps).commit([
      put('T#ww1#SO#SO-1', { marks: { tenant: 'ww1', items: ['FG'] } }),
      {
        Update: {
          TableName: 'factory',
          Key: { pk: 'T#ww1#PO#PO-1', sk: '#' },
          UpdateExpression: 'SET #r = :r',
          ExpressionAttributeNames: { '#r': 'received' },
          ExpressionAttributeValues: { ':r': '4' },
        },
      },
      {
        ConditionCheck: {
          TableName: 'factory',
          Key: { pk: 'T#ww1#MO#MO-1', sk: '#' },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      put('T#ww1#SDOC#SR-1'),
    ]);
    const written = sent[0]!.input.TransactItems!.flatMap((i) =>
      i.Put ? [`${String(i.Put.Item!.pk)}|${String(i.Put.Item!.sk)}`] : [],
    );
    expect(written).toEqual([
      'T#ww1#SO#SO-1|#',
      'T#ww1#SDOC#SR-1|#',
      'T#ww1#MRPMARK|FG',
      'T#ww1#MRPMARKO|T#ww1#SO#SO-1',
      'T#ww1#MRPMARKO|T#ww1#PO#PO-1',
    ]);
  });

  it('writes no mark for a transaction that changes neither planning nor an order', async () => {
    const { deps, sent } = tableAnswering([]);
    await tableUnitOfWork(deps).commit([put('T#ww1#SDOC#SR-1')]);
    expect(sent[0]!.input.TransactItems).toHaveLength(1);
  });

  it('sends the items as one transaction and tells them it committed', async () => {
    const { deps, sent } = tableAnswering([]);
    const committed: string[] = [];
    await tableUnitOfWork(deps).commit([
      put('A', { onCommitted: () => committed.push('A') }),
      put('B'),
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.input.TransactItems!.map((i) => i.Put!.Item!.pk)).toEqual(['A', 'B']);
    expect(committed).toEqual(['A']);
  });

  it('passes a conflict on to the route unless told to retry it', async () => {
    const once = tableAnswering([conflict]);
    await expect(tableUnitOfWork(once.deps).commit([put('A')])).rejects.toBeInstanceOf(
      TransactionConflictError,
    );
    expect(once.sent).toHaveLength(1);

    const retried = tableAnswering([conflict, conflict]);
    await tableUnitOfWork(retried.deps).commit([put('A')], { retryConflicts: true });
    expect(retried.sent).toHaveLength(3);
  });

  it("maps failed conditions to the items' business errors, combined as asked", async () => {
    const { deps } = tableAnswering([conditionFailed]);
    const short = (code: string) =>
      put(code, { onConditionFailed: () => new AppError('stock.insufficient', code) });
    const combine = (errors: AppError[]) =>
      new AppError('stock.insufficient', errors.map((e) => e.message).join('+'));
    await expect(
      tableUnitOfWork(deps).commit([short('A'), short('B')], { combine }),
    ).rejects.toMatchObject({ code: 'stock.insufficient', message: 'A+B' });
  });

  it('refuses more than one transaction holds rather than splitting it silently', async () => {
    const { deps, sent } = tableAnswering([]);
    const many = Array.from({ length: 101 }, (_, i) => put(`P${i}`));
    await expect(tableUnitOfWork(deps).commit(many)).rejects.toThrow('exceeds 100');
    expect(sent).toHaveLength(0);
  });
});
