import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AppError, type StockDocument } from '@factory/shared';
import { demoSession } from '../../functions/src/auth/demoUsers.js';
import { getDeps, withTableClient, type Deps } from '../../functions/src/deps.js';
import { stockRepo } from '../../functions/src/store/stockRepo.js';
import { resumePosting } from '../../functions/src/usecases/posting.js';
import { postIssue } from '../../functions/src/usecases/stock.js';
import { createItems } from './bomHarness.js';
import { seedBasics, startApi, type Api } from './harness.js';
import { balanceQty, expectLedgerBalances } from './ledger.js';

// A 150-line issue is four transactions; its last item has no stock, so the three chunks
// before it are taken back. Here the process "dies" while taking them back: the retry must
// finish the reversal, not post forward again nor take a chunk back twice.
const TENANT = 'wwtest01';
const ITEMS = Array.from({ length: 150 }, (_, i) => `RV${String(i + 1).padStart(3, '0')}`);
const session = demoSession('wangqiang', TENANT)!;

let api: Api;
let clerk: string;

beforeAll(async () => {
  api = await startApi();
  await seedBasics(api, TENANT);
  clerk = await api.token('wangqiang');
  const rm = { source: 'purchased', defaultWarehouse: 'RM' };
  await createItems(api, await api.token('admin'), Object.fromEntries(ITEMS.map((c) => [c, rm])));
  const res = await api.call('POST', '/api/stock/receipts', {
    token: clerk,
    body: {
      date: '2026-11-25',
      reason: 'purchase',
      lines: ITEMS.slice(0, -1).map((item) => ({ item, warehouse: 'RM', qty: '10' })),
    },
  });
  expect(res.status).toBe(201);
});
afterAll(() => api.close());

/** The store as the use case sees it, dying (an error, nothing after) at the n-th reversal chunk. */
function dyingAtReversal(n: number): Deps {
  const deps = getDeps();
  let reversals = 0;
  const db = Object.create(deps.db) as DynamoDBDocumentClient;
  db.send = ((command: unknown) => {
    if (command instanceof TransactWriteCommand) {
      // A chunk of the reversal: its moves and balances with the reversal's progress.
      const items = command.input.TransactItems ?? [];
      const undoing =
        items.length > 1 &&
        items.some((t) =>
          Object.values(t.Update?.ExpressionAttributeNames ?? {}).includes('undone'),
        );
      if (undoing && ++reversals === n) return Promise.reject(new Error('killed'));
    }
    return deps.db.send(command as never);
  }) as DynamoDBDocumentClient['send'];
  return withTableClient(deps, db);
}

it('a reversal cut short is finished by the retry, which answers the same refusal', async () => {
  let no = '';
  const request = {
    date: '2026-12-01',
    reason: 'production' as const,
    lines: ITEMS.map((item) => ({ item, warehouse: 'RM', qty: '1' })),
  };
  await expect(
    postIssue(dyingAtReversal(2), session, request, {
      onStart: (resource) => {
        no = resource;
        return [];
      },
    }),
  ).rejects.toThrow('killed');

  // Left as the crash left it: three chunks applied, the first taken back, each whole.
  const repo = stockRepo(getDeps(), TENANT);
  const cut = await repo.getPostingRecord(no);
  expect(cut?.document.status).toBe('posting');
  expect(cut?.reversal).toEqual({ applied: 3, undone: 1 });
  expect(cut?.failure?.code).toBe('stock.insufficient');
  expect(await balanceQty(api, clerk, ITEMS[0]!, 'RM')).toBe('10');
  expect(await balanceQty(api, clerk, ITEMS[100]!, 'RM')).toBe('9');
  await expectLedgerBalances(api, clerk, ITEMS[100]!);

  // The retry finishes taking it back and answers as the first attempt would have.
  const retried = await resumePosting(getDeps(), TENANT, no, {}).catch((e: unknown) => e);
  expect(retried).toBeInstanceOf(AppError);
  expect(retried).toMatchObject({
    code: 'stock.insufficient',
    details: { item: ITEMS[149], available: '0', requested: '1' },
  });
  const done = await repo.getPostingRecord(no);
  expect(done?.document.status).toBe('failed');
  expect(done?.reversal).toEqual({ applied: 3, undone: 3 });
  for (const item of [ITEMS[0]!, ITEMS[60]!, ITEMS[100]!, ITEMS[148]!]) {
    expect(await balanceQty(api, clerk, item, 'RM')).toBe('10');
    await expectLedgerBalances(api, clerk, item);
  }

  // Again: the same refusal, nothing taken back twice.
  await expect(resumePosting(getDeps(), TENANT, no, {})).rejects.toMatchObject({
    code: 'stock.insufficient',
  });
  expect(await balanceQty(api, clerk, ITEMS[100]!, 'RM')).toBe('10');
  const doc = await api.call<StockDocument>('GET', `/api/stock/documents/${no}`, {
    token: clerk,
  });
  expect(doc.body.status).toBe('failed');
});
